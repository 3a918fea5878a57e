import Foundation
import Testing
import Backprop

/// `backprop train` killed with SIGKILL at random moments, many times, and restarted with
/// `--resume` each time, as a user would after a crash or a power cut:
///
/// - the model and checkpoint files are written atomically (temporary file, fsync, rename), so
///   after every kill each file is either absent (not written yet) or complete and loadable,
///   and once written it never disappears;
/// - the checkpoint never goes back (the iteration it holds never decreases);
/// - the run resumed after 30 kills ends with the same parameters, bit for bit, as one
///   uninterrupted run with the same seed.
///
/// The kill times are drawn from a seeded generator (2 to 502 ms after each start; an
/// uninterrupted run of 600 iterations, which writes a 200 kB checkpoint after every one, takes
/// about 8 s in a debug build), so the test does the same thing every time; where the kills
/// land (in start-up, training, a checkpoint write, the final save) depends on the machine's
/// speed. With 200 iterations (3.6 s) a faster build finished the whole run within the first
/// 17 rounds, and the later rounds, with nothing left to train, ended before their kill. The
/// kills now end before the final save (checkpoint at iteration 486 of 600 on this machine);
/// the checkpoints they do land in are written by the same atomic write as the model
/// (`FileAccess` → `AtomicFile`).
struct InterruptedSaveTests {
    static let kills = 30

    @Test(.timeLimit(.minutes(10)))
    func sigkillAtRandomPointsLeavesLoadableFilesAndResumeFinishesBitIdentically() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        func arguments(save: String, checkpoint: String) -> [String] {
            ["train", "--data", "spirals", "--layers", "2,128,128,3", "--iterations", "600", "--optimizer", "adam",
             "--seed", "7", "--checkpoint-every", "1", "--checkpoint", checkpoint, "--save", save, "--no-plot", "--quiet"]
        }
        let reference = try cli.run(withArguments: arguments(save: "reference.safetensors", checkpoint: "reference-ck.safetensors"))
        try #require(reference.status == 0, "\(reference.stderr)")

        let executable = try #require(CLIRunner.executable, "the backprop executable was not built")
        let model = cli.path("model.safetensors"), checkpoint = cli.path("ck.safetensors")
        var generator = SeededGenerator(seed: 2026)
        var killed = 0, finished = 0, lastIteration = -1
        var modelSeen = false, checkpointSeen = false
        for round in 0..<Self.kills {
            var command = arguments(save: "model.safetensors", checkpoint: "ck.safetensors")
            if FileManager.default.fileExists(atPath: checkpoint) { command += ["--resume", "ck.safetensors"] }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = command
            process.currentDirectoryURL = cli.folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let delay = 0.002 + generator.nextDouble() * 0.5
            usleep(UInt32(delay * 1e6))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killed += 1 } else {
                #expect(process.terminationStatus == 0, "round \(round): a run that was not killed failed")
                finished += 1
            }

            // Each file: absent only if it never existed, and loadable whenever present.
            if modelSeen || FileManager.default.fileExists(atPath: model) {
                modelSeen = true
                #expect(throws: Never.self, "round \(round): model file damaged") { _ = try ModelFile.read(model) }
            }
            if checkpointSeen || FileManager.default.fileExists(atPath: checkpoint) {
                checkpointSeen = true
                let content = try SafeTensorsFile.read(checkpoint)
                _ = try ModelFile.decode(content, file: checkpoint)
                let iteration = try #require(content.metadata["checkpoint.iteration"].flatMap { Int($0) }, "round \(round)")
                #expect(iteration >= lastIteration, "round \(round): the checkpoint went back from \(lastIteration) to \(iteration)")
                lastIteration = iteration
            }
        }
        // Killed during a save (between creating the temporary file and renaming it): the
        // temporary file stays behind, the real one is intact (checked above); the next save
        // removes it, so only the last round's can be here.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).filter { $0.hasSuffix(".tmp") }
        print("\(Self.kills) rounds: \(killed) killed (\(leftovers.count) temporary files left by the last), \(finished) finished; checkpoint at iteration \(lastIteration)")
        #expect(killed >= Self.kills * 2 / 3, "too few runs were killed (\(killed) of \(Self.kills)) for the test to mean anything")

        let last = try cli.run(withArguments: arguments(save: "model.safetensors", checkpoint: "ck.safetensors")
                                  + (checkpointSeen ? ["--resume", "ck.safetensors"] : []))
        try #require(last.status == 0, "\(last.stderr)")
        let resumed = try SafeTensorsFile.read(model)
        let uninterrupted = try SafeTensorsFile.read(cli.path("reference.safetensors"))
        #expect(resumed.tensors == uninterrupted.tensors, "the run resumed after \(killed) kills ended with other parameters")
        let stale = try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(stale.isEmpty, "temporary files of killed saves were not cleaned up: \(stale)")
    }
}
