import Foundation
import Testing
import Backprop

/// `backprop train` stopped by SIGINT or SIGTERM: exit status 130, one `error: interrupted by …
/// at iteration I (epoch E)` line, a checkpoint written at the stop when `--checkpoint-every` was
/// given (whatever its interval), and `--resume` from it ends with the same parameters, bit for
/// bit, as a run that was never interrupted.
struct InterruptionTests {
    static func arguments(save: String, checkpoint: String) -> [String] {
        ["train", "--data", "spirals", "--layers", "2,16,16,3", "--iterations", "4000", "--optimizer", "adam", "--seed", "7",
         "--checkpoint-every", "100000", "--checkpoint", checkpoint, "--save", save, "--no-plot", "--quiet"]
    }

    @Test(.timeLimit(.minutes(5)), arguments: [SIGINT, SIGTERM])
    func aSignalWritesACheckpointAndResumeEndsBitIdentically(signal: Int32) throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let reference = try cli.run(withArguments: Self.arguments(save: "reference.safetensors", checkpoint: "reference-ck.safetensors"))
        try #require(reference.status == 0, "\(reference.stderr)")

        let command = Self.arguments(save: "model.safetensors", checkpoint: "ck.safetensors")
        let interrupted = try cli.run(rawArguments: command.map { Array($0.utf8) }, timeout: 120, signal: (signal, 1.0))
        try #require(!interrupted.killedBySignal && interrupted.status == 130, "status \(interrupted.status): \(interrupted.stderr)")
        let errors = interrupted.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
        let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
        #expect(errors.count == 1 && errors[0].hasPrefix("error: interrupted by \(name) at iteration "), "\(interrupted.stderr)")
        #expect(errors.first?.contains("checkpoint written to ck.safetensors") == true, "\(interrupted.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("model.safetensors")), "an interrupted run saved its model")
        let content = try SafeTensorsFile.read(cli.path("ck.safetensors"))
        let iteration = try #require(content.metadata["checkpoint.iteration"].flatMap { Int($0) })
        #expect(iteration > 0 && iteration < 4000, "the signal came after training ended (iteration \(iteration)); the test means nothing")
        #expect(errors.first?.contains("at iteration \(iteration) ") == true, "\(interrupted.stderr)")

        let resumed = try cli.run(withArguments: command + ["--resume", "ck.safetensors"])
        try #require(resumed.status == 0, "\(resumed.stderr)")
        let final = try SafeTensorsFile.read(cli.path("model.safetensors"))
        let uninterrupted = try SafeTensorsFile.read(cli.path("reference.safetensors"))
        #expect(final.tensors == uninterrupted.tensors, "the resumed run ended with other parameters")
    }

    @Test(.timeLimit(.minutes(2)))
    func aSignalWithoutCheckpointsSaysNothingWasSaved() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let command = ["train", "--epochs", "100000", "--batch-size", "7", "--no-plot", "--quiet"]
        let result = try cli.run(rawArguments: command.map { Array($0.utf8) }, timeout: 60, signal: (SIGINT, 1.0))
        #expect(!result.killedBySignal && result.status == 130, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("nothing saved") && result.stderr.contains("hint: give --checkpoint-every"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("backprop-model.safetensors")))
    }
}
