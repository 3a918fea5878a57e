import BackpropMatrix

extension Dataset {
    /// Writes the data set in the format chosen by the extension, so that
    /// ``load(path:options:)`` reads back the same X and labels (`backprop convert`):
    ///
    /// - `.npz`: arrays `x` (n_x, m) in the scalar's float type and `y` (1, m) int64, deflated;
    /// - `.csv`: one row per example, the features (header: feature names, or `x1`, `x2`, …)
    ///   then a `label` column holding the class index.
    ///
    /// - Throws: ``FormatError`` (`.unsupported`) for another extension, `.unwritable` when
    ///   the file cannot be written.
    public func write(to path: String) throws(FormatError) {
        let suffix = (path.split(separator: "/").last?.split(separator: ".").last).map { String($0).lowercased() } ?? ""
        switch suffix {
        case "npz":
            let labels = NpyArray(shape: [1, exampleCount], values: labels.map { Int64($0) })
            try NumPyArchive(arrays: [("x", NpyArray(x)), ("y", labels)]).write(to: path, compressed: true)
        case "csv":
            let names = featureNames ?? (1...Swift.max(featureCount, 1)).prefix(featureCount).map { "x\($0)" }
            let rows = (0..<exampleCount).map { column in
                (0..<featureCount).map { "\(x[$0, column])" } + [String(labels[column])]
            }
            try CSVFile.write(header: names + ["label"], rows: rows, to: path)
        default:
            throw FormatError(.unsupported, file: path, expected: "a .npz or .csv file to write",
                              found: suffix.isEmpty ? "no extension" : "a .\(suffix) file")
        }
    }
}
