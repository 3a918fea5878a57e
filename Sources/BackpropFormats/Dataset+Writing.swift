import BackpropMatrix

extension Dataset {
    /// Writes the data set in the format chosen by the extension, so that
    /// ``load(path:options:)`` reads back the same X and labels (`backprop convert`):
    ///
    /// - `.npz`: arrays `x` (n_x, m) in the scalar's float type and `y` (1, m) int64, deflated;
    /// - `.csv`: one row per example, the features (header: feature names, or `x1`, `x2`, …)
    ///   then a `label` column holding the class index;
    /// - `.h5`, `.hdf5`: the course's layout, `train_set_x` (uint8 (m, height, width, channels)
    ///   for images, else the features (m, n_x) as floats), `train_set_y` int64 (m,) and
    ///   `list_classes` (see `hdf5File()`), which the course notebook's `h5py` code reads.
    ///
    /// A data set without labels is written with label 0 for every example.
    ///
    /// - Throws: ``FormatError`` (`.mismatch`) when the labels are not (1, m) class indices,
    ///   `.unsupported` for another extension, `.unwritable` when the file cannot be written.
    public func write(to path: String) throws(FormatError) {
        guard labels == nil || hasClassLabels else {
            throw FormatError(.mismatch, file: path, expected: "class labels (1, m) to write", found: "labels of shape (\(labels!.rows), \(count))")
        }
        let classes = labels == nil ? [Int](repeating: 0, count: count) : classIndices
        let suffix = fileExtension(path)
        switch suffix {
        case "npz":
            let y = NpyArray(shape: [1, count], values: classes.map { Int64($0) })
            try NumPyArchive(arrays: [("x", NpyArray(X)), ("y", y)]).write(to: path, compressed: true)
        case "csv":
            let names = featureNames ?? (1...Swift.max(featureCount, 1)).prefix(featureCount).map { "x\($0)" }
            let rows = (0..<count).map { column in
                (0..<featureCount).map { "\(X[$0, column])" } + [String(classes[column])]
            }
            try CSVFile.write(header: names + ["label"], rows: rows, to: path)
        case "h5", "hdf5":
            try writeHDF5(to: path)
        default:
            throw FormatError(.unsupported, file: path, expected: "a .npz, .csv or .h5 file to write",
                              found: suffix.isEmpty ? "no extension" : "a .\(suffix) file")
        }
    }
}
