import Foundation
import Testing
import Backprop

/// `--resume` continues the checkpoint's run and nothing else: options left out are taken from
/// the checkpoint (the scaling among them), options that contradict it and other data are
/// refused with exit status 1 naming the option, a checkpoint of an older version resumes with
/// a warning, and a resume with nothing left to train prints no iterations/s.
struct ResumeSettingsTests {
    /// Three classes told apart by two features on very different scales (about 1000 and
    /// about 0.01): unscaled, the second feature is lost; standardised, both count.
    static func writeData(_ cli: CLIRunner, _ name: String, rows: Int = 90, changing row: Int? = nil) throws {
        var text = "size,weight,label\n"
        for i in 0..<rows {
            let c = i % 3
            let size = 1000 + 300 * Double(c) + Double((i * 37) % 61) - 30 + (i == row ? 0.5 : 0)
            let weight = 0.01 * Double(c) + Double((i * 17) % 7 - 3) * 0.001
            text += "\(size),\(weight),\(["a", "b", "c"][c])\n"
        }
        try text.write(toFile: cli.path(name), atomically: true, encoding: .utf8)
    }

    static let data = ["train", "--data", "scaled.csv", "--label-column", "label", "--layers", "2,8,3", "--no-plot", "--quiet"]
    /// The interrupted run's settings: none of them left to the defaults, which may change.
    static let settings = ["--optimizer", "adam", "--learning-rate", "0.01", "--seed", "3", "--standardize"]

    /// A checkpoint after 20 of the run's iterations (the run asked for 40).
    static func checkpoint(_ cli: CLIRunner) throws {
        try writeData(cli, "scaled.csv")
        let half = try cli.run(withArguments: data + settings + ["--iterations", "20", "--checkpoint-every", "10",
                                                                 "--checkpoint", "ck.safetensors", "--no-save"])
        try #require(half.status == 0, "\(half.stderr)")
    }

    @Test func optionsLeftOutAreTakenFromTheCheckpointAndTheRunEndsAsAnUninterruptedOne() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try Self.checkpoint(cli)
        let whole = try cli.run(withArguments: Self.data + Self.settings + ["--iterations", "40", "--save", "whole.safetensors"])
        try #require(whole.status == 0, "\(whole.stderr)")
        // Without --standardize, --optimizer, --learning-rate and --seed.
        let resumed = try cli.run(withArguments: Self.data + ["--resume", "ck.safetensors", "--iterations", "40", "--save", "resumed.safetensors"])
        try #require(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Resumed with the checkpoint's settings: --seed 3, --learning-rate 0.01, --optimizer adam, --standardize\n"),
                "\(resumed.stdout)")
        #expect(resumed.stdout.contains("Training: adam, learning rate 0.01, 40 iterations (full batch), init he, seed 3; resumed at iteration 20"),
                "\(resumed.stdout)")
        func accuracy(_ output: String) -> String? { output.split(separator: "\n").first { $0.hasPrefix("Train accuracy:") }.map(String.init) }
        #expect(accuracy(resumed.stdout) != nil && accuracy(resumed.stdout) == accuracy(whole.stdout), "\(resumed.stdout)\n\(whole.stdout)")
        #expect(try SafeTensorsFile.read(cli.path("resumed.safetensors")).tensors == SafeTensorsFile.read(cli.path("whole.safetensors")).tensors)
        // The saved model applies the checkpoint's scaling too.
        #expect(try ModelFile.read(cli.path("resumed.safetensors")).info.scaler?.kind == .standardize)
    }

    @Test(arguments: [
        (["--learning-rate", "0.02"], "--learning-rate 0.02 differs from the checkpoint's 0.01"),
        (["--min-max"], "--min-max differs from the checkpoint's --standardize"),
        (["--optimizer", "gd"], "--optimizer gd differs from the checkpoint's adam"),
        (["--seed", "4"], "--seed 4 differs from the checkpoint's 3"),
        (["--l2", "0.1"], "--l2 0.1 differs from the checkpoint's 0.0"),
        (["--dropout", "0.9"], "--dropout 0.9 differs from the checkpoint's 1.0"),
        (["--batch-size", "16", "--epochs", "4"], "--batch-size 16 differs from the checkpoint's full batch"),
        (["--dtype", "float64"], "--dtype float64 differs from the checkpoint's float32"),
        (["--init", "xavier-normal"], "--init xavier-normal differs from the checkpoint's he"),
        (["--first-layer", "plain"], "--first-layer plain differs from the checkpoint's auto"),
    ])
    func anOptionThatDiffersFromTheCheckpointIsRefusedNamingIt(extra: [String], message: String) throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try Self.checkpoint(cli)
        let result = try cli.run(withArguments: Self.data + ["--resume", "ck.safetensors", "--no-save"] + extra)
        #expect(result.status == BackpropError.Category.badInput.exitCode, "\(result.stderr)")
        #expect(result.stderr == "error: \(message)\nhint: omit it to use the checkpoint's, or start a new run without --resume\n")
        #expect(!result.stdout.contains("Trained"), "\(result.stdout)")
    }

    @Test func otherDataAreRefusedNamingWhatDiffers() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try Self.checkpoint(cli)
        try Self.writeData(cli, "fewer.csv", rows: 60)
        try Self.writeData(cli, "changed.csv", changing: 1)
        for (file, difference) in [("fewer.csv", "60 examples, the checkpoint's data 90"),
                                   ("changed.csv", "other values than the checkpoint's data")] {
            var arguments = Self.data + Self.settings + ["--resume", "ck.safetensors", "--no-save"]
            arguments[2] = file
            let result = try cli.run(withArguments: arguments)
            #expect(result.status == BackpropError.Category.badInput.exitCode, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("error: --data \(file): \(difference)"), "\(result.stderr)")
            #expect(result.stderr.contains("\nhint: resume on the data the checkpoint was trained on"), "\(result.stderr)")
        }
    }

    @Test func aResumeWithNothingLeftToTrainPrintsNoRate() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try Self.checkpoint(cli)
        // The interrupted run's command line, then none of its options (the checkpoint's 20
        // iterations): either way all 20 are done.
        for extra in [Self.settings + ["--iterations", "20"], []] {
            let result = try cli.run(withArguments: Self.data + extra + ["--resume", "ck.safetensors", "--no-save"])
            try #require(result.status == 0, "\(result.stderr)")
            let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("Trained ") })
            #expect(line.wholeMatch(of: /Trained 0 iterations \(resumed at iteration 20, 20 in all\) in \d+\.\d\d s/) != nil, "\(line)")
            #expect(!result.stdout.contains("iterations/s"), "\(result.stdout)")
        }
    }

    @Test func aCheckpointOfAnOlderVersionResumesWithAWarning() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try Self.checkpoint(cli)
        let path = cli.path("ck.safetensors")
        var file = try SafeTensorsFile.read(path)
        file.metadata = file.metadata.filter { !$0.key.hasPrefix("checkpoint.data.") }
        try file.write(to: path)
        let arguments = Self.data + Self.settings + ["--resume", "ck.safetensors", "--iterations", "30", "--no-save"]
        let noData = try cli.run(withArguments: arguments)
        #expect(noData.status == 0, "\(noData.stderr)")
        #expect(noData.stderr == "warning: ck.safetensors does not record its training data (an older checkpoint): the data could not be checked\n")
        file.metadata["training"] = nil
        try file.write(to: path)
        let neither = try cli.run(withArguments: arguments)
        #expect(neither.status == 0, "\(neither.stderr)")
        #expect(neither.stderr.contains("warning: ck.safetensors does not record its run's settings (an older checkpoint): they could not be checked"),
                "\(neither.stderr)")
    }
}
