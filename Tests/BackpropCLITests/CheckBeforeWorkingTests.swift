import Backprop
import Foundation
import Testing

/// Check before working, and say what the thing is (a new user's issue): outputs are checked
/// before any data is read, a folder of data files names its files, what is refused is named
/// for what it is, no message shows a Foundation error, and every numeric option reads a
/// negative value as a value. The status and message of each case are in
/// ``Reproducer/checkReproducers`` (class 10); these tests check the rest.
@Suite struct CheckBeforeWorkingTests {
    /// Outputs that cannot become files, each of which once failed only after training (or
    /// after loading the data).
    static let unwritableOutputs: [[String]] = [
        ["--save", "."], ["--log", "."], ["--plot", "."], ["--boundary", "sub"], ["--checkpoint-every", "1", "--checkpoint", "."],
        ["--save", "missing-folder/m.safetensors"],
    ]

    @Test("train refuses an output that cannot become a file before it loads any data", arguments: unwritableOutputs)
    func trainChecksOutputsFirst(_ options: [String]) throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try FileManager.default.createDirectory(atPath: cli.path("sub"), withIntermediateDirectories: false)
        let before = try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).sorted()
        let result = try cli.run(withArguments: ["train", "--iterations", "5"] + options)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.isEmpty, "training started: \(result.stdout)")
        #expect(result.stderr.hasPrefix("error: \(options[options.count - 2]) \(options[options.count - 1]): "), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).sorted() == before, "files were written")
    }

    @Test("a folder of data files given as --data names its files and suggests one")
    func folderOfDataFiles() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let data = cli.folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: false)
        for name in ["test_catvnoncat.h5", "train_catvnoncat.h5"] {
            try FileManager.default.copyItem(at: Reproducer.kindHDF5, to: data.appendingPathComponent(name))
        }
        let result = try cli.run("train", "--data", "data", "--no-save", "--no-plot")
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: data: this is a folder of data files (test_catvnoncat.h5, train_catvnoncat.h5)"), "\(result.stderr)")
        #expect(result.stderr.contains("hint: give one of its files, for example --data data/train_catvnoncat.h5"), "\(result.stderr)")
        #expect(!result.stderr.contains("damaged"), "\(result.stderr)")
    }

    @Test("a file of another kind is named for what it is, with a hint for that kind")
    func wrongKindHint() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run("predict", "--model", Reproducer.kindHDF5.path, "x.csv")
        #expect(result.status == 1)
        #expect(result.stderr.contains("this is an HDF5 file, not a model"), "\(result.stderr)")
        #expect(result.stderr.contains("hint: an HDF5 file holds data: give it with --data"), "\(result.stderr)")
        #expect(!result.stderr.contains("header length"), "\(result.stderr)")
    }

    /// Commands given a folder, or a file they cannot use, where Foundation's text once showed.
    static let foundationCases: [[String]] = [
        ["predict", "--model", ".", "x.csv"], ["evaluate", "--model", ".", "--data", "flower"], ["inspect", "."],
        ["export", ".", "x", "--to", "x.npy"], ["train", "--data", "flower", "--resume", ".", "--no-save", "--no-plot"],
        ["predict", "--model", "m.safetensors", "."], ["plot", ".", "--to", "c.svg"],
    ]

    /// A 2 → 1 sigmoid model as m.safetensors in `cli`'s folder, for the commands that need a model.
    static func writeTinyModel(in cli: CLIRunner) throws {
        try ModelFile.write(TrainedModel(network: Network<Double>(inputSize: 2, layers: [LayerSpec(units: 1, activation: .sigmoid)],
                                                                  loss: .binaryCrossEntropy)), to: cli.path("m.safetensors"))
    }

    @Test("no message shows a Foundation error's description", arguments: foundationCases)
    func noFoundationText(_ arguments: [String]) throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try Self.writeTinyModel(in: cli)
        let result = try cli.run(withArguments: arguments)
        #expect(result.status != 0 && !result.killedBySignal, "\(result.stderr)")
        for text in ["Error Domain", "NSCocoaErrorDomain", "NSPOSIXErrorDomain", "UserInfo", "(null)"] {
            #expect(!result.stderr.contains(text), "\(arguments): \(result.stderr)")
        }
        #expect(result.status != 4, "a folder is bad input, not an I/O error: \(result.stderr)")
    }

    /// Every numeric option (and every option whose value may start with a digit or `-`),
    /// given -1.
    static let negativeValues: [[String]] = [
        ["train", "--seed"], ["train", "--learning-rate"], ["train", "--iterations"], ["train", "--epochs"],
        ["train", "--batch-size"], ["train", "--l2"], ["train", "--dropout"], ["train", "--threads"], ["train", "--print-every"],
        ["train", "--checkpoint-every"], ["train", "--memory-limit"], ["train", "--layers"],
        ["evaluate", "--model", "m.safetensors", "--data", "flower", "--seed"],
        ["predict", "--model", "m.safetensors", "flower", "--limit"],
    ]

    @Test("every numeric option reads -1 as its value and refuses it with its own message", arguments: negativeValues)
    func negativeNumbers(_ arguments: [String]) throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try Self.writeTinyModel(in: cli)
        let option = arguments[arguments.count - 1]
        let result = try cli.run(withArguments: arguments + ["-1", "--no-save", "--no-plot"].prefix(arguments[0] == "train" ? 3 : 1))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(!result.stderr.contains("Missing value"), "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: \(option) -1"), "\(result.stderr)")
    }
}
