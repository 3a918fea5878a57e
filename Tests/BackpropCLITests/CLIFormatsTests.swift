import Backprop
import Foundation
import Testing

/// The built `backprop` executable on every data format: training on .npz, CSV and MNIST IDX
/// (plain and gzip) files, feature scaling saved in the model and applied by evaluate and
/// predict, `--csv` outputs read back, `convert` round trips, and bad files.
///
/// Fixtures: Fixtures/formats/make_formats_fixtures.py (NumPy; IDX written by hand), with the
/// statistics NumPy computes in expected.json, compared within 1e-12 relative. Networks are
/// tiny and train for a few hundred iterations, so the suite takes seconds in a debug build.
@Suite(.serialized) struct CLIFormatsTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/formats")
    /// The JPEG and .npy fixtures of BackpropFormatsTests (symbolic links resolved, so that a
    /// sandbox package linking this folder finds its sibling).
    static let formatsFixtures = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("BackpropFormatsTests/Fixtures")

    struct Expected: Decodable {
        struct Statistics: Decodable {
            var labels: [Int]
            var mean: [Double], std: [Double], min: [Double], max: [Double]
        }
        struct Shapes: Decodable { var labels: [Int]; var pixel_sum: Int; var first_image: [Int] }
        var blobs_npz: Statistics
        var blobs_csv: Statistics
        var shapes_idx: Shapes
    }

    static func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
    }

    static func fixture(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Copies fixtures into the runner's folder so that the commands see short relative names.
    static func copy(_ names: [String], to cli: CLIRunner) throws {
        for name in names {
            try FileManager.default.copyItem(atPath: fixture(name), toPath: cli.path(name.split(separator: "/").last.map(String.init)!))
        }
    }

    /// A CSV file whose fields hold no delimiter or quote (what the tool writes for these
    /// fixtures), as a header and rows.
    static func readCSV(_ path: String) throws -> (header: [String], rows: [[String]]) {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = try #require(lines.first)
        return (header, Array(lines.dropFirst()))
    }

    /// Runs `backprop train` with `arguments`, saving m.safetensors; expects success and
    /// `summary` in its output, and returns the saved model.
    static func train(_ cli: CLIRunner, _ arguments: [String], summary: String) throws -> SavedModel {
        let train = try cli.run(withArguments: ["train"] + arguments + ["--save", "m.safetensors", "--no-plot", "--quiet"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains(summary))
        return try ModelFile.read(cli.path("m.safetensors"))
    }

    static func expectClose(_ actual: [Double], _ expected: [Double], relative tolerance: Double, _ what: String) {
        #expect(actual.count == expected.count, "\(what)")
        for (a, e) in zip(actual, expected) {
            #expect(abs(a - e) <= tolerance * max(abs(e), 1e-300), "\(what): \(a) vs \(e)")
        }
    }

    @Test func csvTrainsStandardizedAndEvaluateAndPredictWriteCSV() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try Self.copy(["blobs.csv", "blobs_features.csv", "blobs.npz"], to: cli)
        let expected = try Self.expected().blobs_csv
        let model = try Self.train(cli, ["--data", "blobs.csv", "--label-column", "species", "--layers", "6,3", "--standardize",
                                          "--optimizer", "adam", "--learning-rate", "0.05", "--iterations", "150"],
                                   summary: "blobs.csv: 60 examples, 6 features, 3 classes (setosa, versicolor, virginica)")

        // The statistics saved are NumPy's mean and population deviation of the training features.
        let scaler = try #require(model.info.scaler)
        #expect(scaler.kind == .standardize)
        Self.expectClose(scaler.offsets, expected.mean, relative: 1e-12, "offsets")
        Self.expectClose(scaler.scales, expected.std, relative: 1e-12, "scales")
        let metadata = try SafeTensorsFile.read(cli.path("m.safetensors")).metadata
        #expect(metadata["scaler.kind"] == "standardize")
        let trainAccuracy = try #require(Double(model.info.metrics["train_accuracy"] ?? ""))
        #expect(trainAccuracy >= 0.8)

        // evaluate applies the saved scaling: on the training data it gives the training accuracy.
        let json = try cli.run("evaluate", "--model", "m.safetensors", "--data", "blobs.csv", "--label-column", "species",
                               "--json", "--csv", "metrics.csv")
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let confusion = try #require(report["confusion_matrix"] as? [[Int]])
        #expect(report["correct"] as? Int == Int((trainAccuracy * 60).rounded()))
        let text = try cli.run("evaluate", "--model", "m.safetensors", "--data", "blobs.csv", "--label-column", "species", "--csv", "metrics.csv")
        #expect(text.stdout.contains("Confusion matrix") && text.stdout.contains("Wrote the metrics to metrics.csv"))

        let metrics = try Self.readCSV(cli.path("metrics.csv"))
        #expect(metrics.header == ["metric", "true_class", "predicted_class", "value"])
        func value(_ metric: String, _ t: String = "", _ p: String = "") throws -> Double {
            let row = try #require(metrics.rows.first { $0[0] == metric && $0[1] == t && $0[2] == p }, "\(metric) \(t) \(p)")
            return try #require(Double(row[3]))
        }
        #expect(try value("examples") == 60)
        #expect(try value("accuracy") == trainAccuracy)
        let diagonal: Int = (0..<3).reduce(0) { $0 + confusion[$1][$1] }
        #expect(try value("correct") == Double(diagonal))
        #expect(try value("cost") == Double(model.info.metrics["train_cost"] ?? ""))
        let names = ["setosa", "versicolor", "virginica"]
        for (t, trueName) in names.enumerated() {
            for (p, predictedName) in names.enumerated() {
                #expect(try value("count", trueName, predictedName) == Double(confusion[t][p]))
            }
            let predictedAs: Int = confusion.reduce(0) { $0 + $1[t] }
            let actual: Int = confusion[t].reduce(0, +)
            let precision: Double = predictedAs == 0 ? 0 : Double(confusion[t][t]) / Double(predictedAs)
            let recall: Double = Double(confusion[t][t]) / Double(actual)
            #expect(try value("precision", trueName) == precision)
            #expect(try value("recall", trueName) == recall)
        }
        #expect(metrics.rows.count == 4 + 2 * 3 + 9)

        // predict --csv: one row per example, probabilities that add up, the same classes as evaluate.
        let predict = try cli.run("predict", "--model", "m.safetensors", "blobs.csv", "--label-column", "species", "--csv", "p.csv", "--limit", "1")
        #expect(predict.status == 0, "\(predict.stderr)")
        #expect(predict.stdout.contains("Wrote 60 predictions to p.csv"))
        let table = try Self.readCSV(cli.path("p.csv"))
        #expect(table.header == ["input", "index", "class", "class_name", "probability", "p_setosa", "p_versicolor", "p_virginica"])
        #expect(table.rows.count == 60)
        var predictedCounts = [0, 0, 0]
        for (index, row) in table.rows.enumerated() {
            #expect(row[0] == "blobs.csv" && row[1] == String(index))
            let predicted = try #require(Int(row[2]))
            #expect(row[3] == names[predicted])
            let probabilities = row[5...].compactMap(Double.init)
            #expect(probabilities.count == 3)
            #expect(abs(probabilities.reduce(0, +) - 1) < 1e-5)
            #expect(Double(row[4]) == probabilities.max() && probabilities[predicted] == probabilities.max())
            predictedCounts[predicted] += 1
        }
        let predictedByEvaluate: [Int] = (0..<3).map { p in confusion.reduce(0) { $0 + $1[p] } }
        #expect(predictedCounts == predictedByEvaluate)

        // A CSV of features only (no label column) is predicted the same way.
        let features = try cli.run("predict", "--model", "m.safetensors", "blobs_features.csv", "--csv", "f.csv")
        #expect(features.status == 0, "\(features.stderr)")
        let featureRows = try Self.readCSV(cli.path("f.csv")).rows
        #expect(featureRows.count == 10)
        for (row, labelled) in zip(featureRows, table.rows) {
            #expect(row[2] == labelled[2])
            Self.expectClose(row[4...].compactMap(Double.init), labelled[4...].compactMap(Double.init), relative: 1e-5, "features-only row \(row[1])")
        }

        let wrongSize = try cli.run("evaluate", "--model", "m.safetensors", "--data", "blobs.npz")
        #expect(wrongSize.status == 1)
        #expect(wrongSize.stderr.contains("blobs.npz has 4 features per example, the model expects 6"))
    }

    @Test func npzTrainsWithMinMaxScalingAndSemicolonCSVWithOptions() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let expected = try Self.expected().blobs_npz
        let model = try Self.train(cli, ["--data", Self.fixture("blobs.npz"), "--layers", "4,3", "--min-max", "--optimizer", "adam",
                                          "--learning-rate", "0.05", "--iterations", "150"],
                                   summary: "blobs.npz: 60 examples, 4 features, 3 classes (0, 1, 2)")
        let scaler = try #require(model.info.scaler)
        #expect(scaler.kind == .minMax)
        Self.expectClose(scaler.offsets, expected.min, relative: 1e-12, "offsets")
        let ranges: [Double] = zip(expected.max, expected.min).map { $0 - $1 }
        Self.expectClose(scaler.scales, ranges, relative: 1e-12, "scales")
        let inspect = try cli.run("inspect", "m.safetensors")
        #expect(inspect.stdout.contains("scaling: min-max"))
        #expect(inspect.stdout.contains("scaling=min-max"))

        let evaluate = try cli.run("evaluate", "--model", "m.safetensors", "--data", Self.fixture("blobs.npz"), "--json")
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: Any])
        // (Compared as counts: Foundation's JSON parser may round the last digit.)
        let trainAccuracy = try #require(Double(model.info.metrics["train_accuracy"] ?? ""))
        #expect(report["correct"] as? Int == Int((trainAccuracy * 60).rounded()))
        #expect(trainAccuracy >= 0.8)

        // The same rows without a header, ';'-separated, label (class index) in column 2.
        let semicolon = try cli.run("train", "--data", Self.fixture("blobs_semicolon.csv"), "--delimiter", ";", "--header", "absent",
                                    "--label-column", "2", "--layers", "6,3", "--iterations", "5", "--no-save", "--no-plot", "--quiet")
        #expect(semicolon.status == 0, "\(semicolon.stderr)")
        #expect(semicolon.stdout.contains("blobs_semicolon.csv: 60 examples, 6 features, 3 classes (0, 1, 2)"))
    }

    @Test func mnistIDXTrainsFromGzipAndPredictsImages() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let model = try Self.train(cli, ["--data", Self.fixture("shapes-images-idx3-ubyte.gz"), "--layers", "64,8,4", "--optimizer", "adam",
                                          "--learning-rate", "0.01", "--iterations", "150"],
                                   summary: "60 examples, 64 features (images 8×8×1), 4 classes (0, 1, 2, 3)")
        let trainAccuracy = try #require(Double(model.info.metrics["train_accuracy"] ?? ""))
        #expect(trainAccuracy >= 0.9)

        // The plain files hold the same data.
        let evaluate = try cli.run("evaluate", "--model", "m.safetensors", "--data", Self.fixture("shapes-images-idx3-ubyte"), "--csv", "e.csv")
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        #expect(evaluate.stdout.contains("Accuracy: \(trainAccuracy)"))
        let counts = try Self.readCSV(cli.path("e.csv")).rows.filter { $0[0] == "count" }.compactMap { Int($0[3]) }
        #expect(counts.count == 16 && counts.reduce(0, +) == 60)

        // A photo is converted to gray and resized to 8×8; a CMYK JPEG is refused (exit 3).
        let photo = Self.formatsFixtures.appendingPathComponent("jpeg/gray.jpg").path
        let predict = try cli.run("predict", "--model", "m.safetensors", photo, "--csv", "p.csv")
        #expect(predict.status == 0, "\(predict.stderr)")
        #expect(predict.stdout.contains("gray.jpg: "))
        let row = try #require(try Self.readCSV(cli.path("p.csv")).rows.first)
        #expect(row[0] == photo && row[1] == "" && row[5...].count == 4)
        let cmyk = try cli.run("predict", "--model", "m.safetensors", Self.formatsFixtures.appendingPathComponent("jpeg/bad/cmyk.jpg").path)
        #expect(cmyk.status == 3)
        #expect(cmyk.stderr.hasPrefix("error: ") && cmyk.stderr.contains("cmyk.jpg, byte ") && cmyk.stderr.contains("CMYK"))
    }

    @Test func convertRoundTripsBetweenFormats() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let expected = try Self.expected()
        func convert(_ arguments: String...) throws {
            let result = try cli.run(withArguments: ["convert"] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.hasPrefix("wrote "))
        }
        func load(_ path: String, csv: CSVOptions = CSVOptions()) throws -> Dataset<Double> { try Dataset<Double>.load(source: path, csv: csv) }

        // npz → csv → npz gives the same X and labels (numbers written in shortest exact form).
        try convert(Self.fixture("blobs.npz"), "blobs.csv")
        try convert("blobs.csv", "again.npz")
        let original = try load(Self.fixture("blobs.npz"))
        #expect(original.X.rows == 4 && original.X.columns == 60)
        #expect(try load(cli.path("blobs.csv")).X == original.X)
        #expect(try load(cli.path("again.npz")).X == original.X)
        #expect(try load(cli.path("again.npz")).classIndices == expected.blobs_npz.labels)

        // csv (label column by name, first) → npz.
        try convert(Self.fixture("blobs.csv"), "fromcsv.npz", "--label-column", "species")
        var options = CSVOptions()
        options.label = .name("species")
        let csv = try load(Self.fixture("blobs.csv"), csv: options)
        #expect(try load(cli.path("fromcsv.npz")).X == csv.X)
        #expect(try load(cli.path("fromcsv.npz")).classIndices == expected.blobs_csv.labels)
        let means: [Double] = (0..<6).map { r in (0..<60).reduce(0.0) { $0 + csv.X[r, $1] } / 60 }
        Self.expectClose(means, expected.blobs_csv.mean, relative: 1e-12, "CSV means")

        // HDF5 (the course's layout) → npz.
        let h5 = CLIRunner.fixtures.appendingPathComponent("tiny_images.h5").path
        try convert(h5, "images.npz")
        #expect(try load(cli.path("images.npz")).X == load(h5).X)
        #expect(try load(cli.path("images.npz")).classIndices == load(h5).classIndices)

        // MNIST IDX, plain and gzip → npz: pixels / 255, the labels written by hand.
        try convert(Self.fixture("shapes-images-idx3-ubyte"), "plain.npz")
        try convert(Self.fixture("shapes-images-idx3-ubyte.gz"), "gzip.npz")
        let plain = try load(cli.path("plain.npz"))
        #expect(try load(cli.path("gzip.npz")).X == plain.X)
        #expect(try load(cli.path("gzip.npz")).classIndices == plain.classIndices)
        #expect(plain.classIndices == expected.shapes_idx.labels)
        let firstImage: [Double] = (0..<64).map { plain.X[$0, 0] }
        let expectedFirst: [Double] = expected.shapes_idx.first_image.map { Double($0) / 255 }
        #expect(firstImage == expectedFirst)
        let pixelSum = Int((plain.X.elements.reduce(0, +) * 255).rounded())
        #expect(pixelSum == expected.shapes_idx.pixel_sum)
        #expect(try load(Self.fixture("shapes-images-idx3-ubyte")).X == plain.X)

        // An .npz with byte-string class names and an object array beside the x/y pair.
        let named = Self.formatsFixtures.appendingPathComponent("npz/class_names.npz").path
        let converted = try cli.run("convert", named, "named.csv")
        #expect(converted.status == 0, "\(converted.stderr)")
        #expect(try cli.run("inspect", named).stdout.contains("class names: non-cat, cat"))
        let trained = try cli.run("train", "--data", named, "--layers", "12,1", "--iterations", "2", "--no-save", "--no-plot")
        #expect(trained.status == 0, "\(trained.stderr)")

        let npy = try cli.run("inspect", Self.formatsFixtures.appendingPathComponent("npy/f8_be_c.npy").path)
        #expect(npy.status == 0, "\(npy.stderr)")
        #expect(npy.stdout.contains("NumPy array, float64 of shape") && npy.stdout.contains("big-endian"))
    }

    /// Bad files and options: exit status, one `error:` line naming the file and the line or
    /// byte, one `hint:` line.
    @Test(arguments: [
        (["train", "--data", "FIXTURE:bad/wrong_fields.csv"], Int32(1), "wrong_fields.csv, line 5: expected 7 fields, as on line 1, found 8 fields"),
        (["inspect", "FIXTURE:bad/truncated.npy"], 1, "truncated.npy: expected 160 bytes for shape (5, 4) of float64, found 148 bytes"),
        (["train", "--data", "FIXTURE:bad/truncated.npz"], 1, "truncated.npz, byte "),
        (["train", "--data", "FIXTURE:blobs.csv", "--label-column", "nope"], 1, "blobs.csv, line 1: expected a header column named \"nope\""),
        (["train", "--data", "FIXTURE:blobs.csv"], 1, "blobs.csv, line 2, column 1: expected a number, found \"setosa\""),
        (["train", "--data", "FIXTURE:blobs_semicolon.csv"], 1, "blobs_semicolon.csv: no feature columns"),
        (["train", "--data", "FIXTURE:blobs.csv", "--delimiter", "ab"], 1, "--delimiter ab: expected one ASCII character"),
        (["train", "--data", "FIXTURE:blobs.csv", "--header", "maybe"], 1, "The value 'maybe' is invalid for '--header <header>'. Please provide one of 'present', 'absent' or 'auto'."),
        (["train", "--standardize", "--min-max"], 2, "--standardize and --min-max both given"),
    ])
    func badFilesAndOptionsEndWithOneLineError(arguments: [String], status: Int32, message: String) throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let resolved = arguments.map { $0.hasPrefix("FIXTURE:") ? Self.fixture(String($0.dropFirst(8))) : $0 }
        let result = try cli.run(withArguments: resolved + ["--no-save", "--no-plot"].filter { _ in resolved[0] == "train" })
        #expect(result.status == status, "\(resolved): \(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.first?.hasPrefix("error: ") == true, "\(result.stderr)")
        #expect(lines.first?.contains(message) == true, "\(result.stderr)")
        #expect(lines.count == 2 && lines[1].hasPrefix("hint: "), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
    }

    @Test func helpListsTheFormatOptions() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let train = try cli.run("help", "train")
        for option in ["--standardize", "--min-max", "--label-column", "--delimiter", "--header"] {
            #expect(train.stdout.contains(option), "\(option)")
        }
        for command in ["evaluate", "predict"] {
            let help = try cli.run("help", command)
            #expect(help.stdout.contains("--csv <FILE>") && help.stdout.contains("--label-column"), "\(command)")
        }
        #expect(try cli.run("help", "convert").stdout.contains("--label-column"))
    }

    /// An LZF-compressed HDF5 file (h5py's `compression="lzf"`, with a chunk LZF could not
    /// shrink stored raw): `inspect` lists the filter and `export` writes the values h5py reads
    /// (BackpropHDF5Tests/Fixtures/filters, make_filter_fixtures.py).
    @Test func lzfCompressedHDF5InspectsAndExports() throws {
        let filters = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("BackpropHDF5Tests/Fixtures/filters")
        let file = filters.appendingPathComponent("lzf.h5").path
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let inspect = try cli.run("inspect", file)
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdout.contains("filter 32000 (lzf)"), "\(inspect.stdout)")
        let export = try cli.run("export", file, "f32", "--to", "f32.npy")
        #expect(export.status == 0, "\(export.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: filters.appendingPathComponent("manifest.json"))) as! [String: Any]
        let datasets = (manifest["lzf.h5"] as! [String: Any])["datasets"] as! [String: [String: Any]]
        let expected = (datasets["/f32"]!["values"] as! [String]).map { Double($0)! }
        let array = try NumPyFile.read(path: cli.path("f32.npy"))
        #expect(array.shape == [64, 16])
        #expect(array.values(as: Double.self) == expected)
    }
}
