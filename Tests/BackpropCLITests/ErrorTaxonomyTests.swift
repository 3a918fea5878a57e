import Foundation
import Testing
import Backprop

/// The error taxonomy holds for every command: each failure ends with exit status
/// 1 (bad input), 2 (usage), 3 (unsupported feature), 4 (I/O) or 5 (divergence), one `error:`
/// line saying what is wrong, at most one `hint:` line saying what to do, and never a crash or a
/// stack trace. (`BackpropError.Category` documents the taxonomy; the README's Reliability
/// section lists it.)
struct ErrorTaxonomyTests {
    /// (arguments, expected category, text the error line contains). `FIXTURE:` names a file of
    /// Fixtures/cli; `MODEL` is a small flower model trained first; `/proc/...` is a path the
    /// system refuses to write (Linux).
    static let cases: [([String], BackpropError.Category, String)] = {
        var cases: [([String], BackpropError.Category, String)] = [
            (["train", "--data", "missing.h5"], .badInput, "missing.h5: no such file"),
            (["train", "--bogus"], .usage, "Unknown option '--bogus'"),
            (["train", "--data", "FIXTURE:bright.png"], .unsupported, "bright.png"),
            (["train", "--data", "flower", "--layers", "2,8,1", "--optimizer", "gd", "--learning-rate", "1e6", "--iterations", "50",
              "--no-save", "--no-plot"],
             .divergence, "training diverged"),
            (["evaluate", "--model", "missing.safetensors", "--data", "flower"], .badInput, "missing.safetensors: no such file"),
            (["evaluate", "--model", "FIXTURE:not_hdf5.h5", "--data", "flower"], .badInput, "not_hdf5.h5"),
            (["evaluate", "--data", "flower"], .usage, "Missing expected argument '--model <FILE>'"),
            (["evaluate", "--model", "MODEL", "--data", "missing.csv"], .badInput, "missing.csv: no such file"),
            (["predict", "--model", "missing.safetensors", "x.csv"], .badInput, "missing.safetensors"),
            (["predict", "--model", "MODEL"], .usage, "Missing expected argument"),
            (["inspect", "missing.h5"], .badInput, "missing.h5: no such file"),
            (["inspect", "FIXTURE:not_hdf5.h5"], .badInput, "bad signature"),
            (["inspect", "FIXTURE:bright.png"], .unsupported, "bright.png"),
            (["inspect"], .usage, "Missing expected argument"),
            (["export", "missing.h5", "x", "--to", "x.npy"], .badInput, "missing.h5: no such file"),
            (["export", "FIXTURE:tiny_images.h5", "nope", "--to", "x.npy"], .badInput, "no dataset named \"nope\""),
            (["export", "FIXTURE:tiny_images.h5", "train_set_x"], .usage, "Missing expected argument '--to"),
            (["plot", "missing.jsonl", "--to", "c.svg"], .badInput, "missing.jsonl: no such file"),
            (["plot", "run.jsonl"], .usage, "Missing expected argument '--to <FILE>'"),
            (["convert", "missing.h5", "out.npz"], .badInput, "missing.h5: no such file"),
            (["convert", "spirals"], .usage, "Missing expected argument '<OUT>'"),
            (["course", "--nonsense"], .usage, "Unknown option '--nonsense'"),
            (["course", "--model", "three-layer"], .badInput, "The value 'three-layer' is invalid for '--model <model>'"),
            (["train", "--loss", "hinge"], .badInput, "The value 'hinge' is invalid for '--loss <NAME>'"),
            (["train", "--iterations", "5", "--epochs", "3"], .usage, "--iterations and --epochs both given"),
            (["train", "--layers", "2,x,1"], .badInput, "--layers 2,x,1: expected comma-separated sizes"),
            (["frobnicate"], .usage, "frobnicate"),
        ]
        #if os(Linux)
        cases += [
            (["train", "--data", "flower", "--layers", "2,4,1", "--iterations", "5", "--no-plot", "--save", "/proc/m.safetensors"],
             .io, "/proc/m.safetensors"),
            (["export", "FIXTURE:tiny_images.h5", "train_set_x", "--to", "/proc/x.npy"], .io, "/proc/x.npy"),
            (["convert", "spirals", "/proc/spirals.npz"], .io, "/proc/spirals.npz"),
        ]
        #endif
        return cases
    }()

    @Test(arguments: cases)
    func everyFailureHasItsCategorysStatusAndOneLineSayingWhatToDo(
        arguments: [String], category: BackpropError.Category, message: String
    ) throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        if arguments.contains("MODEL") {
            let trained = try cli.run("train", "--data", "flower", "--layers", "2,4,1", "--iterations", "5", "--no-plot", "--quiet",
                                      "--save", "model.safetensors")
            try #require(trained.status == 0, "\(trained.stderr)")
        }
        let resolved = arguments.map { argument in
            argument == "MODEL" ? "model.safetensors"
                : argument.hasPrefix("FIXTURE:") ? cli.fixture(String(argument.dropFirst(8))) : argument
        }
        let result = try cli.run(withArguments: resolved)
        #expect(result.status == category.exitCode, "\(resolved): \(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.first?.hasPrefix("error: ") == true, "\(result.stderr)")
        #expect(lines.first?.contains(message) == true, "\(result.stderr)")
        #expect(lines.count <= 2, "\(result.stderr)")
        #expect(lines.count < 2 || (lines[1].hasPrefix("hint: ") && lines[1].count > "hint: ".count), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump") && !result.stderr.contains("Backtrace"))
    }

    /// A checkpoint damaged where only `--resume` looks (an iteration number that is NaN in
    /// `checkpoint.costs`) is bad input naming the file, not a crash.
    @Test func damagedCheckpointIsBadInputNotACrash() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let common = ["train", "--data", "flower", "--layers", "2,4,1", "--iterations", "4", "--no-plot", "--no-save", "--quiet",
                      "--checkpoint-every", "2", "--checkpoint", "ck.safetensors"]
        try #require(try cli.run(withArguments: common).status == 0)
        var checkpoint = try SafeTensorsFile.read(cli.path("ck.safetensors"))
        let index = try #require(checkpoint.tensors.firstIndex { $0.name == "checkpoint.costs" })
        let k = checkpoint.tensors[index].shape[1]
        checkpoint.tensors[index] = SafeTensor(name: "checkpoint.costs", shape: [2, k],
                                               values: [Double.nan] + Array(repeating: 1.0, count: 2 * k - 1))
        try checkpoint.write(to: cli.path("ck.safetensors"))
        let resumed = try cli.run(withArguments: common + ["--resume", "ck.safetensors"])
        #expect(resumed.status == BackpropError.Category.badInput.exitCode, "\(resumed.stderr)")
        #expect(resumed.stderr.hasPrefix("error: ck.safetensors: checkpoint.costs holds nan where an iteration number belongs"), "\(resumed.stderr)")
    }

    /// The statuses are distinct, and 0 is success.
    @Test func categoriesHaveDistinctNonZeroStatuses() {
        let codes = BackpropError.Category.allCases.map(\.exitCode)
        #expect(Set(codes).count == codes.count)
        #expect(codes.sorted() == [1, 2, 3, 4, 5])
    }
}
