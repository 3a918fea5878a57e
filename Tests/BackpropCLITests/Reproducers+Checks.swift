import Backprop
import Foundation

extension Reproducer {
    /// Class 10: a command that worked before checking what it was given, or said something
    /// other than what the thing is (a new user's issue, "check before working; say what the
    /// thing is"): a folder or a file of another kind given where a model, data or an image is
    /// expected, a folder of data files given as an image folder, an output that cannot become
    /// a file found only after the work, a missing input reported as something else, and
    /// negative or malformed numbers.
    static var checkReproducers: [Reproducer] {
        wrongKinds + outputsBeforeWork + numbers
    }

    /// A file of another kind, copied from the fixtures under a misleading name.
    private static func copy(_ fixture: URL, to name: String, in folder: URL) throws -> String {
        let target = folder.appendingPathComponent(name)
        try FileManager.default.copyItem(at: fixture, to: target)
        return target.path
    }

    /// The Tests folder, whose targets' fixtures give one file of each kind (`kindHDF5` …
    /// `kindGzip`, made by h5py, Pillow, NumPy and Python's zip and gzip modules).
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let kindHDF5 = testsFolder.appendingPathComponent("BackpropCLITests/Fixtures/cli/tiny_images.h5")
    static let kindPNG = testsFolder.appendingPathComponent("BackpropCLITests/Fixtures/cli/bright.png")
    static let kindJPEG = testsFolder.appendingPathComponent("BackpropFormatsTests/Fixtures/jpeg/baseline_420.jpg")
    static let kindNPY = testsFolder.appendingPathComponent("BackpropFormatsTests/Fixtures/npy/f8_le_c.npy")
    static let kindZip = testsFolder.appendingPathComponent("BackpropCompressionTests/Fixtures/mixed.zip")
    static let kindGzip = testsFolder.appendingPathComponent("BackpropCompressionTests/Fixtures/text.gz")

    /// `predict --model` given `fixture` renamed `model.safetensors`.
    private static func modelOfKind(_ fixture: URL, _ kind: String) -> Reproducer {
        Reproducer(failureClass: 10, name: "predict --model: \(kind) named .safetensors",
                   prepare: { folder in ["predict", "--model", try copy(fixture, to: "model.safetensors", in: folder), "x.csv"] },
                   status: 1, message: "model.safetensors: this is \(kind), not a model")
    }

    static var wrongKinds: [Reproducer] {
        [
            Reproducer(failureClass: 10, name: "predict --model . was NSCocoaErrorDomain Code=256 (exit 4)",
                       prepare: { _ in ["predict", "--model", ".", "x.csv"] }, status: 1, message: ".: this is a folder, not a model"),
            Reproducer(failureClass: 10, name: "predict --model FILE.h5 was a safetensors header length of 727905341903489161",
                       prepare: { _ in ["predict", "--model", kindHDF5.path, "x.csv"] }, status: 1,
                       message: "tiny_images.h5: this is an HDF5 file, not a model"),
            modelOfKind(kindNPY, "a NumPy .npy array"),
            modelOfKind(kindPNG, "a PNG image"),
            modelOfKind(kindJPEG, "a JPEG image"),
            modelOfKind(kindZip, "a zip archive"),
            modelOfKind(kindGzip, "a gzip-compressed file"),
            Reproducer(failureClass: 10, name: "train --data: a PNG image named .h5",
                       prepare: { folder in ["train", "--data", try copy(kindPNG, to: "x.h5", in: folder), "--no-save", "--no-plot"] },
                       status: 1, message: "x.h5: this is a PNG image, not an HDF5 file"),
            Reproducer(failureClass: 10, name: "train --data: an HDF5 file named .csv",
                       prepare: { folder in ["train", "--data", try copy(kindHDF5, to: "x.csv", in: folder), "--no-save", "--no-plot"] },
                       status: 1, message: "x.csv: this is an HDF5 file, not a CSV file"),
            Reproducer(failureClass: 10, name: "train --data: a .npy array named .npz",
                       prepare: { folder in ["train", "--data", try copy(kindNPY, to: "x.npz", in: folder), "--no-save", "--no-plot"] },
                       status: 1, message: "x.npz: this is a NumPy .npy array, not a NumPy .npz archive"),
            Reproducer(failureClass: 10, name: "predict: an HDF5 file named .png, for an image model",
                       prepare: { folder in
                           ["predict", "--model", try DataFixtures.model(inputs: 12288, imageShape: [64, 64, 3], in: folder),
                            try copy(kindHDF5, to: "cat.png", in: folder)]
                       },
                       status: 1, message: "cat.png: this is an HDF5 file, not an image (PNG or JPEG)"),
            Reproducer(failureClass: 10, name: "export: a safetensors model named .h5",
                       prepare: { folder in
                           let model = try DataFixtures.model(inputs: 2, in: folder)
                           return ["export", try copy(URL(fileURLWithPath: model), to: "m.h5", in: folder), "x", "--to", "x.npy"]
                       },
                       status: 1, message: "m.h5: this is a safetensors file, not an HDF5 file"),
            Reproducer(failureClass: 10, name: "train --data FOLDER of .h5 files said \"expected one sub-folder per class\"",
                       prepare: { folder in
                           let data = folder.appendingPathComponent("data")
                           try FileManager.default.createDirectory(at: data, withIntermediateDirectories: false)
                           _ = try copy(kindHDF5, to: "train_cats.h5", in: data)
                           _ = try copy(kindHDF5, to: "test_cats.h5", in: data)
                           return ["train", "--data", "data", "--no-save", "--no-plot"]
                       },
                       status: 1, message: "data: this is a folder of data files (test_cats.h5, train_cats.h5), not an image folder"),
            Reproducer(failureClass: 10, name: "predict MISSING.jpg said \"the model's input is 2 features, not an image\"",
                       prepare: { folder in ["predict", "--model", try DataFixtures.model(inputs: 2, in: folder), "missing.jpg"] },
                       status: 1, message: "missing.jpg: no such file"),
        ]
    }

    /// An output that is a folder, refused before any work (the tests of
    /// ``CheckBeforeWorkingTests`` also check that no work was done).
    static var outputsBeforeWork: [Reproducer] {
        func train(_ options: String...) -> @Sendable (URL) throws -> [String] {
            { _ in ["train", "--iterations", "2", "--no-plot", "--no-save"] + options }
        }
        return [
            Reproducer(failureClass: 10, name: "train --save . failed after training (rename into a folder)",
                       prepare: { _ in ["train", "--iterations", "2", "--no-plot", "--save", "."] }, status: 1,
                       message: "--save .: this is a folder, not a file name"),
            Reproducer(failureClass: 10, name: "train --log . failed after loading the data",
                       prepare: train("--log", "."), status: 1, message: "--log .: this is a folder, not a file name"),
            Reproducer(failureClass: 10, name: "train --plot DIR/", prepare: { folder in
                           ["train", "--iterations", "2", "--no-save", "--plot", folder.path + "/"]
                       }, status: 1, message: "this is a folder, not a file name"),
            Reproducer(failureClass: 10, name: "train --checkpoint . with --checkpoint-every",
                       prepare: train("--checkpoint-every", "1", "--checkpoint", "."), status: 1,
                       message: "--checkpoint .: this is a folder, not a file name"),
            Reproducer(failureClass: 10, name: "predict --csv .",
                       prepare: { folder in ["predict", "--model", try DataFixtures.model(inputs: 2, in: folder), "spirals", "--csv", "."] },
                       status: 1, message: "--csv .: this is a folder, not a file name"),
            Reproducer(failureClass: 10, name: "evaluate --mislabeled .",
                       prepare: { folder in
                           ["evaluate", "--model", try DataFixtures.model(inputs: 2, in: folder), "--data", "flower", "--mislabeled", "."]
                       },
                       status: 1, message: "--mislabeled .: this is a folder, not a file name"),
            Reproducer(failureClass: 10, name: "evaluate --csv into a missing folder",
                       prepare: { folder in
                           ["evaluate", "--model", try DataFixtures.model(inputs: 2, in: folder), "--data", "flower", "--csv", "no/m.csv"]
                       },
                       status: 1, message: "--csv no/m.csv: the folder"),
            Reproducer(failureClass: 10, name: "export --to .",
                       prepare: { _ in ["export", kindHDF5.path, "train_set_x", "--to", "."] }, status: 1,
                       message: "--to .: this is a folder, not a file name"),
            Reproducer(failureClass: 10, name: "convert spirals . said \"cannot write . data\" (exit 3)",
                       prepare: { _ in ["convert", "spirals", "."] }, status: 1, message: ".: this is a folder, not a file name"),
            Reproducer(failureClass: 10, name: "plot LOG --to .",
                       prepare: { folder in ["plot", try folder.write("{\"event\":\"cost\",\"iteration\":0,\"cost\":1}\n", to: "run.jsonl"), "--to", "."] },
                       status: 1, message: "--to .: this is a folder, not a file name"),
        ]
    }

    /// Negative and malformed numbers: read as values, then refused with their own message.
    static var numbers: [Reproducer] {
        func train(_ options: String...) -> @Sendable (URL) throws -> [String] {
            { _ in ["train", "--no-save", "--no-plot", "--quiet"] + options }
        }
        return [
            Reproducer(failureClass: 10, name: "--learning-rate -1 was \"Missing value\"", prepare: train("--learning-rate", "-1"),
                       status: 1, message: "--learning-rate -1.0: expected a finite number above 0"),
            Reproducer(failureClass: 10, name: "--learning-rate abc", prepare: train("--learning-rate", "abc"),
                       status: 1, message: "--learning-rate abc: expected a number"),
            Reproducer(failureClass: 10, name: "--iterations 1.5", prepare: train("--iterations", "1.5"),
                       status: 1, message: "--iterations 1.5: expected a whole number"),
            Reproducer(failureClass: 10, name: "--memory-limit -1 was \"Missing value\"", prepare: train("--memory-limit", "-1"),
                       status: 1, message: "--memory-limit -1: expected a size"),
            Reproducer(failureClass: 10, name: "--layers -1,2 was \"Missing value\"", prepare: train("--layers", "-1,2"),
                       status: 1, message: "--layers -1,2: expected"),
            Reproducer(failureClass: 10, name: "--label-column -1 was \"Missing value\"",
                       prepare: { folder in
                           ["train", "--no-save", "--no-plot", "--data", try folder.write("a,b\n1,0\n2,1\n", to: "d.csv"), "--label-column", "-1"]
                       },
                       status: 1, message: "--label-column -1: expected a column name or a 0-based index"),
            Reproducer(failureClass: 10, name: "evaluate --seed -1",
                       prepare: { folder in ["evaluate", "--model", try DataFixtures.model(inputs: 2, in: folder), "--data", "flower", "--seed", "-1"] },
                       status: 1, message: "--seed -1: expected a whole number from 0 to 4294967295"),
            Reproducer(failureClass: 10, name: "predict --limit -1",
                       prepare: { folder in ["predict", "--model", try DataFixtures.model(inputs: 2, in: folder), "flower", "--limit", "-1"] },
                       status: 1, message: "--limit -1: expected 0 (all) or a positive count"),
        ]
    }
}

extension DataFixtures {
    /// A one-layer sigmoid model of `inputs` features whose input is an image of `imageShape`
    /// (height, width, channels), saved in `folder`.
    static func model(inputs: Int, imageShape: [Int], in folder: URL) throws -> String {
        let network = try Network<Double>(inputSize: inputs, layers: [LayerSpec(units: 1, activation: .sigmoid)], loss: .binaryCrossEntropy)
        let path = folder.appendingPathComponent("image-model.safetensors").path
        try ModelFile.write(TrainedModel(network: network, info: ModelInfo(inputShape: imageShape)), to: path)
        return path
    }
}
