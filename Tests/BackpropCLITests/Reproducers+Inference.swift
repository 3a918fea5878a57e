import Foundation

extension Reproducer {
    /// Reproducers of class 6: inference accepting what training refuses (`predict` printing
    /// "probability -nan" and a bare `null` JSON line, `evaluate` printing "Cost: nan" and
    /// counting the row as class 0, all with exit status 0).
    static var inferenceReproducers: [Reproducer] {
        [
            Reproducer(failureClass: 6, name: "predict on a CSV row with a NaN feature", prepare: { folder in
                try inferenceModel(in: folder)
                return ["predict", "--model", "m.safetensors", try folder.write(badRows, to: "bad.csv")]
            }, status: 1, message: "feature b of example 1 is nan"),
            Reproducer(failureClass: 6, name: "predict --json on a CSV row with a NaN feature", prepare: { folder in
                try inferenceModel(in: folder)
                return ["predict", "--model", "m.safetensors", "--json", try folder.write(badRows, to: "bad.csv")]
            }, status: 1, message: "expected finite features"),
            Reproducer(failureClass: 6, name: "evaluate on CSV rows with NaN and infinite features", prepare: { folder in
                try inferenceModel(in: folder)
                return ["evaluate", "--model", "m.safetensors", "--data", try folder.write(badRows, to: "bad.csv")]
            }, status: 1, message: "feature b of example 1 is nan"),
            Reproducer(failureClass: 6, name: "evaluate --skip-bad-rows leaves the rows out", prepare: { folder in
                try inferenceModel(in: folder)
                return ["evaluate", "--model", "m.safetensors", "--skip-bad-rows", "--data", try folder.write(badRows, to: "bad.csv")]
            }, status: 0, message: ""),
        ]
    }

    /// Six labelled rows of two features; rows 1 and 3 have a NaN and an infinity.
    static let badRows = "a,b,label\n0.1,0.2,0\n0.3,nan,1\n0.5,0.1,0\ninf,0.4,1\n0.9,0.8,1\n0.2,0.7,0\n"

    /// Trains `m.safetensors` (2 → 3 → 1) on clean rows in `folder`.
    static func inferenceModel(in folder: URL) throws {
        _ = try folder.write("a,b,label\n0.1,0.2,0\n0.3,0.9,1\n0.5,0.1,0\n0.7,0.4,1\n0.9,0.8,1\n0.2,0.7,0\n", to: "good.csv")
        try folder.backprop("train", "--data", "good.csv", "--layers", "2,3,1", "--iterations", "5", "--quiet", "--no-plot", "--save", "m.safetensors")
    }
}
