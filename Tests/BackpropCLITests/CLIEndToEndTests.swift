import Backprop
import Foundation
import Testing

/// The built `backprop` executable, run end to end: train → save → inspect → evaluate →
/// predict, the other commands, and the error cases with their exit statuses. Small networks
/// and few iterations, so the suite stays fast in a debug build.
@Suite(.serialized) struct CLIEndToEndTests {
    @Test func trainSaveInspectEvaluatePredict() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let train = try cli.run("train", "--data", "flower", "--layers", "2,8,1", "--hidden-activation", "tanh",
                                "--iterations", "300", "--seed", "3", "--save", "m.safetensors", "--plot", "c.svg", "--log", "l.jsonl")
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("Cost after iteration 0: "))
        #expect(train.stdout.contains("Cost after iteration 299: "))
        #expect(train.stdout.contains("Network: 2 → 8 tanh → 1 sigmoid; binary-cross-entropy; 33 parameters; float32"))
        #expect(train.stdout.contains("Saved the model to m.safetensors"))
        #expect(try String(contentsOfFile: cli.path("c.svg"), encoding: .utf8).contains("<svg"))

        let log = try TrainingLog.read(cli.path("l.jsonl"))
        #expect(log.filter { $0.event == "cost" }.map(\.iteration) == (0..<300).map { $0 })
        let final = try #require(log.last)
        #expect(final.event == "final" && final.iterations == 300)
        let trainAccuracy = try #require(final.train_accuracy)
        #expect(trainAccuracy > 0.75)
        #expect(train.stdout.contains("Train accuracy: \(trainAccuracy)"))

        let inspect = try cli.run("inspect", "m.safetensors")
        #expect(inspect.status == 0)
        #expect(inspect.stdout.contains("layer 1    8 units, tanh"))
        #expect(inspect.stdout.contains("parameters: 33"))
        #expect(inspect.stdout.contains("classes: 0 class-0, 1 class-1"))
        #expect(inspect.stdout.contains("torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1), torch.nn.Sigmoid())"))

        // Evaluating on the training data (same generator and seed) gives the training accuracy.
        let evaluate = try cli.run("evaluate", "--model", "m.safetensors", "--data", "flower", "--seed", "3", "--json")
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: Any])
        #expect(report["accuracy"] as? Double == trainAccuracy)
        #expect(report["examples"] as? Int == 400)
        let confusion = try #require(report["confusion_matrix"] as? [[Int]])
        #expect(confusion.flatMap { $0 }.reduce(0, +) == 400)
        #expect(Double(confusion[0][0] + confusion[1][1]) / 400 == trainAccuracy)

        let text = try cli.run("evaluate", "--model", "m.safetensors", "--data", "flower", "--seed", "3", "--boundary", "b.svg")
        #expect(text.stdout.contains("Confusion matrix (rows: true class, columns: predicted):"))
        #expect(text.stdout.contains("Wrote the decision boundary to b.svg"))
        #expect(try String(contentsOfFile: cli.path("b.svg"), encoding: .utf8).contains("class-1"))

        // predict on a CSV of the same points agrees with evaluate's confusion matrix.
        let convert = try cli.run("convert", "flower", "flower.csv")
        #expect(convert.status == 0, "\(convert.stderr)")
        let predict = try cli.run("predict", "--model", "m.safetensors", "flower.csv", "--json")
        #expect(predict.status == 0, "\(predict.stderr)")
        let lines = predict.stdout.split(separator: "\n")
        #expect(lines.count == 400)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(["class-0", "class-1"].contains(first["class_name"] as? String ?? ""))
        let plain = try cli.run("predict", "--model", "m.safetensors", "flower.csv", "--limit", "2")
        #expect(plain.stdout.contains("flower.csv #0: "))
        #expect(plain.stdout.contains("… 398 more"))
    }

    @Test func trainWithNoArgumentsWritesAModelAndAPlotHere() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run("train")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("built-in spirals"))
        #expect(result.stdout.contains("Saved the model to backprop-model.safetensors"))
        #expect(result.stdout.contains("Wrote the cost plot to backprop-cost.svg"))
        #expect(result.stdout.contains("Wrote the decision boundary to backprop-boundary.svg"))
        #expect(FileManager.default.fileExists(atPath: cli.path("backprop-cost.svg")))
        let model = try ModelFile.read(cli.path("backprop-model.safetensors"))
        #expect(model.architecture.layerDims == [2, 32, 16, 3])
        let accuracy = try #require(Double(model.info.metrics["train_accuracy"] ?? ""))
        #expect(accuracy > 0.9)
    }

    @Test func imageModelPredictsPNGsResizedToItsInput() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let train = try cli.run("train", "--data", cli.fixture("tiny_images.h5"), "--layers", "48,4,1",
                                "--iterations", "200", "--learning-rate", "0.1", "--save", "img.safetensors", "--no-plot", "--quiet")
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("48 features (images 4×4×3), 2 classes (dark, bright)"))
        #expect(train.stdout.contains("Train accuracy: 1.0 (12 of 12)"))
        let predict = try cli.run("predict", "--model", "img.safetensors", cli.fixture("bright.png"), cli.fixture("dark.png"))
        #expect(predict.status == 0, "\(predict.stderr)")
        #expect(predict.stdout.contains("bright.png: bright (probability "))
        #expect(predict.stdout.contains("dark.png: dark (probability "))
        let evaluate = try cli.run("evaluate", "--model", "img.safetensors", "--data", cli.fixture("tiny_images.h5"), "--mislabeled", "w.png")
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        #expect(evaluate.stdout.contains("Accuracy: 1.0 (12 of 12)"))
        #expect(evaluate.stdout.contains("No misclassified examples: w.png not written"))
    }

    @Test func resumingFromACheckpointGivesTheUninterruptedParameters() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let common = ["train", "--data", "spirals", "--layers", "2,8,3", "--epochs", "6", "--batch-size", "64", "--dropout", "0.9",
                      "--optimizer", "adam", "--seed", "4", "--no-plot", "--quiet"]
        func run(_ extra: [String]) throws -> CLIRunner.Result {
            let process = try cli.run(withArguments: common + extra)
            #expect(process.status == 0, "\(process.stderr)")
            return process
        }
        _ = try run(["--save", "whole.safetensors"])
        _ = try run(["--epochs", "3", "--checkpoint-every", "15", "--checkpoint", "ck.safetensors", "--save", "half.safetensors"])
        let resumed = try run(["--resume", "ck.safetensors", "--save", "resumed.safetensors", "--log", "resumed.jsonl"])
        #expect(resumed.stdout.contains("resumed at iteration 15"))
        // The resumed run continues (iterations 15…29), it does not start over.
        #expect(try TrainingLog.read(cli.path("resumed.jsonl")).filter { $0.event == "cost" }.compactMap(\.iteration) == Array(15..<30))
        let whole = try SafeTensorsFile.read(cli.path("whole.safetensors"))
        let half = try SafeTensorsFile.read(cli.path("half.safetensors"))
        let again = try SafeTensorsFile.read(cli.path("resumed.safetensors"))
        #expect(whole.tensors != half.tensors)
        #expect(whole.tensors == again.tensors)
        let inspect = try cli.run("inspect", "ck.safetensors")
        #expect(inspect.stdout.contains("checkpoint after iteration 15 (optimizer adam)"))
    }

    @Test func exportWritesTheDatasetAsNpyAndPlotRedrawsALog() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let export = try cli.run("export", cli.fixture("tiny_images.h5"), "train_set_x", "--to", "x.npy")
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("uint8 array of shape (12, 4, 4, 3)"))
        struct Expected: Decodable { struct Array: Decodable { var shape: [Int]; var values: [Int] }; var train_set_x: Array }
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: CLIRunner.fixtures.appendingPathComponent("expected.json")))
        let array = try NumPyFile.read(path: cli.path("x.npy"))
        #expect(array.shape == expected.train_set_x.shape)
        #expect(array.data.map(Int.init) == expected.train_set_x.values)

        _ = try cli.run("train", "--data", "flower", "--layers", "2,4,1", "--iterations", "20", "--log", "l.jsonl", "--no-plot", "--no-save", "--quiet")
        let plot = try cli.run("plot", "l.jsonl", "--to", "cost.png")
        #expect(plot.status == 0, "\(plot.stderr)")
        let png = try Data(contentsOf: URL(fileURLWithPath: cli.path("cost.png")))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    /// Every bad input: exit status by category, `error:` and `hint:` lines on stderr, no trace.
    @Test(arguments: [
        (["train", "--data", "missing.h5"], Int32(1), "missing.h5: no such file"),
        (["train", "--data", "FIXTURE:not_hdf5.h5"], 1, "bad signature"),
        (["train", "--data", "FIXTURE:tiny_images.h5", "--x", "nope"], 1, "no dataset named \"nope\"; it has: list_classes, train_set_x, train_set_y"),
        (["train", "--data", "FIXTURE:tiny_images.h5", "--layers", "3,4,1"], 1, "--layers starts with 3, but tiny_images.h5 (train_set_x, train_set_y) has 48 features"),
        (["train", "--hidden-activation", "swish"], 1, "The value 'swish' is invalid for '--hidden-activation <NAME>'. Please provide one of the following: sigmoid, relu"),
        (["train", "--layers", "2,x,3"], 1, "--layers 2,x,3: expected comma-separated sizes"),
        (["train", "--dropout", "1.5"], 1, "--dropout 1.5"),
        (["train", "--plot", "cost.jpg"], 1, "--plot cost.jpg: expected a .svg or .png"),
        (["evaluate", "--model", "FIXTURE:not_hdf5.h5", "--data", "flower"], 1, "not_hdf5.h5"),
        (["train", "--bogus"], 2, "Unknown option '--bogus'"),
        (["train", "--iterations", "5", "--epochs", "5"], 2, "--iterations and --epochs both given"),
        (["predict", "--model", "m.safetensors"], 2, "Missing expected argument '<INPUT> ...'"),
        (["evaluate", "--data", "flower"], 2, "Missing expected argument '--model <FILE>'"),
        (["train", "--data", "FIXTURE:bright.png"], 3, "bright.png"),
        (["train", "--data", "flower", "--learning-rate", "1e30", "--iterations", "50", "--no-save", "--no-plot"], 5, "training diverged"),
    ])
    func badInputEndsWithOneLineErrorAndItsExitStatus(arguments: [String], status: Int32, message: String) throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let resolved = arguments.map { $0.hasPrefix("FIXTURE:") ? cli.fixture(String($0.dropFirst(8))) : $0 }
        let result = try cli.run(withArguments: resolved)
        #expect(result.status == status, "\(resolved): \(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.first?.hasPrefix("error: ") == true, "\(result.stderr)")
        #expect(lines.first?.contains(message) == true, "\(result.stderr)")
        #expect(lines.count <= 2 && (lines.count < 2 || lines[1].hasPrefix("hint: ")), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
    }

    @Test func helpHasExamplesForEveryCommandAndVersionPrints() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let version = try cli.run("--version")
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "backprop \(BackpropVersion.current)")
        let top = try cli.run("--help")
        #expect(top.stdout.contains("Exit status: 0 success; 1 bad input"))
        for command in ["train", "evaluate", "predict", "inspect", "export", "plot", "convert", "course"] {
            let help = try cli.run("help", command)
            #expect(help.status == 0)
            #expect(help.stdout.contains("Example"), "\(command)")
            #expect(help.stdout.contains("backprop \(command)"), "\(command)")
            // Each option states its default once: the parser adds "(default: …)", the help text does not.
            let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let doubled = try Regex(#"\(default: ([^)]*)\)\. \(default: \1\)"#)
            #expect(!flat.contains(doubled), "\(command): a default stated twice")
        }
        let train = try cli.run("help", "train")
        // Named values are listed by the parser.
        for values in ["values: binary-cross-entropy, categorical-cross-entropy, mean-squared-error", "values: gd, momentum, rmsprop, adam",
                       "values: float32, float64", "values: present, absent, auto; default: auto"] {
            let flat = train.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(flat.contains(values), "\(values)")
        }
        for option in ["--data", "--x", "--y", "--test", "--layers", "--hidden-activation", "--output-activation", "--loss", "--init",
                       "--seed", "--learning-rate", "--iterations", "--epochs", "--batch-size", "--optimizer", "--l2", "--dropout",
                       "--dtype", "--threads", "--print-every", "--log", "--plot", "--save", "--checkpoint-every", "--resume"] {
            #expect(train.stdout.contains(option), "\(option)")
        }
    }
}
