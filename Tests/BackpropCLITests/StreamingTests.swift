import Backprop
import Foundation
import Testing

/// `backprop train --stream` through the built tool: a streamed run saves the same parameters as
/// an in-memory run with the same `--shuffle-blocks` (bit for bit, no tolerance), a file over
/// `--memory-limit` is streamed on its own with the reason printed, progress shows examples/s
/// and MB/s, and bad uses and bad data end with one `error:` line and the README's status,
/// leaving the last checkpoint as it was.
///
/// Data: three classes in 5 features (300 examples), written here with the library's NumPy
/// writer as x.npy (m, n) float32 and y.npy (m,) int64.
@Suite(.serialized) struct StreamingTests {
    static let m = 300, n = 5

    /// x.npy and y.npy in the runner's folder; `nanAt`: a NaN in feature 2 of that example.
    static func writeData(in cli: CLIRunner, nanAt: Int? = nil, name: String = "x.npy") throws {
        var generator = SeededGenerator(seed: 9)
        let classes = (0..<m).map { _ in Int.random(in: 0..<3, using: &generator) }
        var values = (0..<m * n).map { i in Float(classes[i / n] * (i % n % 2)) + Float.random(in: -1...1, using: &generator) }
        if let nanAt { values[nanAt * n + 1] = .nan }
        try NumPyFile.write(NpyArray(shape: [m, n], values: values), to: cli.path(name))
        try NumPyFile.write(classes.map(Int64.init), shape: [m], to: cli.path("y.npy"))
    }

    static let training = ["--batch-size", "32", "--epochs", "4", "--layers", "5,8,3", "--no-plot"]

    @Test func aStreamedRunSavesTheParametersOfTheInMemoryRun() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try Self.writeData(in: cli)
        let streamed = try cli.run(withArguments: ["train", "--data", "x.npy", "--stream", "--save", "s.safetensors"] + Self.training)
        #expect(streamed.status == 0, "\(streamed.stderr)")
        #expect(streamed.stdout.contains("Data: x.npy (x), y.npy (y): 300 examples, 5 features, 3 classes (0, 1, 2); streamed from disk (--stream), 5.9 KiB"))
        #expect(streamed.stdout.contains("First layer: plain (the data are streamed)"))
        #expect(streamed.stdout.contains(" examples/s, ") && streamed.stdout.contains(" MB/s read)"))
        let memory = try cli.run(withArguments: ["train", "--data", "x.npy", "--shuffle-blocks", "1024,64", "--save", "m.safetensors"] + Self.training)
        #expect(memory.status == 0, "\(memory.stderr)")
        #expect(!memory.stdout.contains("streamed"))
        let a = try ModelFile.read(cli.path("s.safetensors")), b = try ModelFile.read(cli.path("m.safetensors"))
        guard case .float32(let s) = a, case .float32(let i) = b else { Issue.record("not float32 models"); return }
        #expect(s.network.parameters == i.network.parameters)
        #expect(s.info.training["shuffle_blocks"] == "1024,64" && i.info.training["shuffle_blocks"] == "1024,64")
    }

    /// The read rate counts what is read after the clock starts: a file of one block, read
    /// before the first step and held for every epoch, reads nothing while training.
    @Test func theReadRateLeavesOutTheFirstWindowReadBeforeTheClock() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try Self.writeData(in: cli)
        let run = try cli.run(withArguments: ["train", "--data", "x.npy", "--stream", "--shuffle-blocks", "1024,64", "--print-every", "1", "--no-save"] + Self.training)
        #expect(run.status == 0, "\(run.stderr)")
        let rates = run.stdout.split(separator: "\n").filter { $0.contains(" MB/s read)") }
        #expect(rates.count == 40 && rates.allSatisfy { $0.contains(" examples/s, 0.0 MB/s read)") }, "\(run.stdout)")
    }

    @Test func aFileOverTheMemoryLimitIsStreamedSayingWhy() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try Self.writeData(in: cli)
        let run = try cli.run(withArguments: ["train", "--data", "x.npy", "--memory-limit", "16K", "--save", "s.safetensors"] + Self.training)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("streamed from disk (its features need 17.6 KiB in memory, more than the memory limit of 16.0 KiB)"), "\(run.stdout)")
        let fits = try cli.run(withArguments: ["train", "--data", "x.npy", "--memory-limit", "64K", "--no-save"] + Self.training)
        #expect(fits.status == 0 && !fits.stdout.contains("streamed"), "\(fits.stdout)\(fits.stderr)")
    }

    @Test(arguments: [
        (["--stream", "--epochs", "2"], Int32(2), "error: --stream needs --batch-size"),
        (["--stream", "--batch-size", "8", "--standardize"], 2, "error: --standardize and --min-max need the data in memory"),
        (["--stream", "--batch-size", "8", "--first-layer", "fused"], 2, "error: --first-layer fused: expected plain or auto with streamed data"),
        (["--stream", "--batch-size", "8", "--shuffle-blocks", "0,3"], 1, "error: --shuffle-blocks 0,3: expected two whole numbers of at least 1"),
    ])
    func badUsesEndWithOneError(arguments: [String], status: Int32, message: String) throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try Self.writeData(in: cli)
        let run = try cli.run(withArguments: ["train", "--data", "x.npy", "--no-save", "--no-plot"] + arguments)
        #expect(run.status == status, "\(run.stderr)")
        #expect(run.stderr.hasPrefix(message), "\(run.stderr)")
    }

    @Test func streamingAFileThatIsReadWholeIsUnsupported() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let run = try cli.run("train", "--data", cli.fixture("../formats/blobs.csv"), "--stream", "--batch-size", "8", "--no-save", "--no-plot")
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.contains("is read whole (only .npy, .npz, HDF5 and uncompressed IDX files are streamed)"))
    }

    /// A NaN in a streamed file is bad input naming the example (here met by the fingerprint
    /// check of the resumed checkpoint, which reads the first examples); the checkpoint stays as
    /// it was.
    @Test func aNaNInTheStreamStopsTheRunAndKeepsTheCheckpoint() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try Self.writeData(in: cli)
        let first = try cli.run(withArguments: ["train", "--data", "x.npy", "--stream", "--checkpoint-every", "10", "--checkpoint", "c.safetensors",
                                                "--no-save"] + Self.training)
        #expect(first.status == 0, "\(first.stderr)")
        let saved = try Data(contentsOf: URL(fileURLWithPath: cli.path("c.safetensors")))
        try Self.writeData(in: cli, nanAt: 250)
        let resumed = try cli.run(withArguments: ["train", "--data", "x.npy", "--stream", "--resume", "c.safetensors", "--checkpoint", "c.safetensors",
                                                  "--checkpoint-every", "10", "--no-save", "--batch-size", "32", "--epochs", "8", "--layers", "5,8,3", "--no-plot"])
        #expect(resumed.status == 1, "\(resumed.stderr)")
        #expect(resumed.stderr.hasPrefix("error: x.npy: a NaN or infinity in feature 2 (example 250)\n"), "\(resumed.stderr)")
        #expect(resumed.stderr.components(separatedBy: "error:").count == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("c.safetensors"))) == saved)
    }

    /// Streamed data are fingerprinted as they are in memory (the first block of examples read,
    /// the labels): a streamed checkpoint resumes on its file without a warning, and the same
    /// run on a file with one value changed is refused.
    @Test func aStreamedCheckpointIsCheckedAgainstItsData() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try Self.writeData(in: cli)
        let options = ["--stream", "--checkpoint-every", "10", "--checkpoint", "c.safetensors", "--no-save"]
        let first = try cli.run(withArguments: ["train", "--data", "x.npy"] + options + Self.training)
        #expect(first.status == 0, "\(first.stderr)")
        let more = ["--batch-size", "32", "--epochs", "6", "--layers", "5,8,3", "--no-plot"]
        let resumed = try cli.run(withArguments: ["train", "--data", "x.npy", "--resume", "c.safetensors"] + options + more)
        #expect(resumed.status == 0 && !resumed.stderr.contains("warning"), "\(resumed.stderr)")
        let x = try NumPyFile.read(path: cli.path("x.npy"))
        var values: [Float] = x.values(as: Float.self)
        values[7] += 0.5
        try NumPyFile.write(NpyArray(shape: x.shape, values: values), to: cli.path("x.npy"))
        let refused = try cli.run(withArguments: ["train", "--data", "x.npy", "--resume", "c.safetensors"] + options + more)
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.hasPrefix("error: --data x.npy (x), y.npy (y): other values than the checkpoint's data"), "\(refused.stderr)")
    }

    /// evaluate and predict stream the same file with the in-memory results: the same report
    /// (one batch here, so the same cost too) and the same predictions CSV, byte for byte.
    @Test func evaluateAndPredictStreamWithTheInMemoryResults() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try Self.writeData(in: cli)
        let train = try cli.run(withArguments: ["train", "--data", "x.npy", "--save", "m.safetensors"] + Self.training)
        #expect(train.status == 0, "\(train.stderr)")
        let streamed = try cli.run("evaluate", "--model", "m.safetensors", "--data", "x.npy", "--stream", "--json")
        let memory = try cli.run("evaluate", "--model", "m.safetensors", "--data", "x.npy", "--json")
        #expect(streamed.status == 0 && memory.status == 0, "\(streamed.stderr)\(memory.stderr)")
        #expect(streamed.stdout == memory.stdout && streamed.stdout.contains("\"confusion_matrix\""))
        let text = try cli.run("evaluate", "--model", "m.safetensors", "--data", "x.npy", "--stream")
        #expect(text.stdout.hasPrefix("Data: x.npy (x), y.npy (y), 300 examples, streamed from disk (--stream)"), "\(text.stdout)")

        let predicted = try cli.run("predict", "--model", "m.safetensors", "x.npy", "--stream", "--limit", "2", "--csv", "s.csv")
        #expect(predicted.status == 0, "\(predicted.stderr)")
        #expect(predicted.stdout.contains("… 298 more") && predicted.stdout.contains("Wrote 300 predictions to s.csv"))
        let whole = try cli.run("predict", "--model", "m.safetensors", "x.npy", "--limit", "2", "--csv", "m.csv")
        #expect(whole.stdout == predicted.stdout.replacingOccurrences(of: "s.csv", with: "m.csv"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("s.csv"))) == Data(contentsOf: URL(fileURLWithPath: cli.path("m.csv"))))
        let json = try cli.run("predict", "--model", "m.safetensors", "x.npy", "--stream", "--json")
        #expect(json.stdout.split(separator: "\n").count == 300)

        let refused = try cli.run("evaluate", "--model", "m.safetensors", "--data", "x.npy", "--stream", "--skip-bad-rows")
        #expect(refused.status == 2 && refused.stderr.hasPrefix("error: --skip-bad-rows needs the data in memory"), "\(refused.stderr)")
        let two = try cli.run("predict", "--model", "m.safetensors", "x.npy", "x.npy", "--stream")
        #expect(two.status == 2 && two.stderr.hasPrefix("error: --stream reads one data INPUT; 2 were given"))
    }

    /// convert writes a streamable input to a .npy pair by copying its bytes as stored (the
    /// HDF5 writer's uint8 images here), and the pair trains streamed.
    @Test func convertCopiesAStreamableFileToANpyPair() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        var writer = HDF5Writer()
        let pixels = (0..<40 * 2 * 2 * 3).map { UInt8($0 % 251) }
        try writer.createDataset("train_set_x", HDF5Array(pixels, shape: [40, 2, 2, 3]))
        try writer.createDataset("train_set_y", HDF5Array((0..<40).map { Int64($0 % 2) }, shape: [40]))
        try writer.write(to: cli.path("small.h5"))
        let converted = try cli.run("convert", "small.h5", "small_x.npy")
        #expect(converted.status == 0, "\(converted.stderr)")
        #expect(converted.stdout.hasPrefix("wrote small_x.npy (uint8 (40, 2, 2, 3), "), "\(converted.stdout)")
        let x = try NumPyFile.read(path: cli.path("small_x.npy")), y = try NumPyFile.read(path: cli.path("small_y.npy"))
        #expect(x.shape == [40, 2, 2, 3] && x.dtype == .uint8 && x.data == pixels)
        #expect(try y.integers() == (0..<40).map { Int64($0 % 2) })
        let trained = try cli.run("train", "--data", "small_x.npy", "--stream", "--batch-size", "8", "--epochs", "1", "--no-save", "--no-plot")
        #expect(trained.status == 0 && trained.stdout.contains("(images 2×2×3)"), "\(trained.stdout)\(trained.stderr)")
        let unpaired = try cli.run("convert", "small.h5", "features.npy")
        #expect(unpaired.status == 2 && unpaired.stderr.hasPrefix("error: features.npy: name the features file x.npy"), "\(unpaired.stderr)")
    }
}
