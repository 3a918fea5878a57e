/// `backprop export` (one HDF5 dataset to a NumPy `.npy` file) and `backprop convert` (a data
/// set from one format to another).
public enum DataExport {
    /// Writes the HDF5 dataset `dataset` of `file` to `output` as a `.npy` array with the same
    /// shape, element type and byte order (uint8 stays uint8, int64 stays int64, big-endian
    /// floats stay big-endian), so `np.load(output)` equals h5py's `f[dataset][...]`.
    ///
    /// - Returns: a one-line summary (shape and dtype).
    /// - Throws: ``BackpropError`` `.badInput` for a missing file or dataset (listing the
    ///   datasets) or an output that cannot become a file (``OutputPaths``, checked first),
    ///   `.unsupported` for string or compound data, `.io` when the output cannot be written.
    public static func exportHDF5(file: String, dataset: String, to output: String) throws(BackpropError) -> String {
        try OutputPaths.check("--to", output, extensions: ["npy"], example: "\(dataset.split(separator: "/").last ?? "data").npy")
        do {
            let h5 = try HDF5File(path: file)
            let names = try h5.root.datasetPaths()
            let path = dataset.hasPrefix("/") ? String(dataset.dropFirst()) : dataset
            guard names.contains(path) else {
                throw BackpropError(.badInput, "\(file): no dataset named \"\(dataset)\"; it has: \(names.joined(separator: ", "))",
                                    hint: "pass one of these names")
            }
            let source = try h5.dataset(at: path)
            if try source.contiguousData() != nil || source.layoutDescription.hasPrefix("chunked"), NpyDType.from(source.datatype) != nil {
                // Copied (or, chunked, decoded) a piece at a time: a dataset larger than memory exports too.
                let stored = try StoredExamples.hdf5(path: file, dataset: path)
                _ = try stored.writeNpy(to: output)
                return "wrote \(output): \(stored.dtype.name) array of shape (\(stored.shape.map(String.init).joined(separator: ", ")))"
            }
            let raw = try source.readRaw()
            guard let (dtype, littleEndian) = NpyDType.from(source.datatype) else {
                throw BackpropError(.unsupported, "\(file): \(path) holds \(source.datatype), not numbers NumPy stores",
                                    hint: "export numeric datasets; `backprop inspect \(file)` shows each one's type")
            }
            let array = try NpyArray(shape: raw.shape, dtype: dtype, isLittleEndian: littleEndian, data: raw.bytes, file: output)
            try NumPyFile.write(array, to: output)
            return "wrote \(output): \(dtype.name) array of shape (\(raw.shape.map(String.init).joined(separator: ", ")))"
        } catch let error as BackpropError {
            throw error
        } catch {
            throw BackpropError(error)
        }
    }

    /// Converts a data set between formats (by extension): reads anything
    /// `Dataset/load(source:x:y:seed:csv:)` reads and writes `.npz` (arrays `x` (n_x, m) and
    /// `y` (1, m)), `.csv` (features then `label`) or `.h5`/`.hdf5` (the course's
    /// `train_set_x`, `train_set_y`, `list_classes`); see `Dataset/write(to:)`.
    ///
    /// - Parameters:
    ///   - input: a data file or built-in data set name.
    ///   - output: the `.npz`, `.csv`, `.h5` or `.hdf5` file to write.
    ///   - x: the features' dataset of an HDF5 or `.npz` input (nil: automatic).
    ///   - y: the labels' dataset of an HDF5 or `.npz` input (nil: automatic).
    ///   - csv: how a CSV input is read.
    /// - Returns: a one-line summary.
    /// - Throws: ``BackpropError`` for unreadable input, labels that are not class indices,
    ///   an output extension other than `.npz`/`.csv`/`.h5`/`.hdf5`, or an output that cannot become a file
    ///   (``OutputPaths``, checked before the input is read).
    public static func convert(_ input: String, to output: String, x: String? = nil, y: String? = nil, csv: CSVOptions = CSVOptions()) throws(BackpropError) -> String {
        try OutputPaths.check("", output, example: "data.npz")
        guard ["npz", "csv", "h5", "hdf5", "npy"].contains(fileExtension(output)) else {
            throw BackpropError(.unsupported, "\(output): cannot write .\(fileExtension(output)) data", hint: "convert to a .npz, .csv, .npy or .h5 file")
        }
        if fileExtension(output) == "npy" { return try convertToNpy(input, to: output, x: x, y: y, csv: csv) }
        var data = try Dataset<Double>.load(source: input, x: x, y: y, csv: csv)
        guard data.hasClassLabels || data.labels == nil || data.labels!.rows > 1 else {
            throw BackpropError(.badInput, "\(data.source): labels are not class indices", hint: "convert classification data only")
        }
        let names = data.classNames.isEmpty ? (0..<data.classCount).map(String.init) : data.classNames
        if data.labels != nil && !data.hasClassLabels {  // one-hot rows (k, m): written as class indices
            data = Dataset(X: data.X, classIndices: data.classIndices, classNames: names, featureNames: data.featureNames,
                           inputShape: data.inputShape, source: data.source)
        }
        do { try data.write(to: output) } catch { throw BackpropError(error) }
        return "wrote \(output): \(data.count) examples, \(data.featureCount) features, \(names.count) classes"
    }

    /// Converts a data set to a pair of `.npy` files: the features at `output` (which must pair
    /// with a labels name: `x.npy`, `x_NAME.npy`, `NAME_x.npy`) and the class indices (int64) at
    /// its partner (`y.npy`, …), the pair `train --data output --stream` reads. A streamable
    /// input (`StreamedDataset`: `.npy`, a stored `.npz` member, HDF5, uncompressed IDX) is copied 16 MiB at a
    /// time with its element type and shape as stored, so a file larger than memory converts;
    /// anything else is loaded and written as float64 (m, n).
    ///
    /// - Throws: ``BackpropError``: `.usage` for an output name that does not pair; the
    ///   readers' and writers' errors.
    static func convertToNpy(_ input: String, to output: String, x: String?, y: String?, csv: CSVOptions) throws(BackpropError) -> String {
        guard let labelsPath = Dataset<Double>.labelsCandidates(forFeatures: output).first else {
            throw BackpropError(.usage, "\(output): name the features file x.npy, x_NAME.npy or NAME_x.npy, so that its labels file (y…) pairs with it",
                                hint: "for example: backprop convert \(input) train_x.npy (writes train_x.npy and train_y.npy)")
        }
        var options = DatasetLoadOptions()
        options.x = x
        options.y = y
        do {
            if !Dataset<Double>.builtInNames.contains(input), StreamedDataset.isStreamable(input) {
                let data = try StreamedDataset.open(path: input, options: options)
                let bytes = try data.stored.writeNpy(to: output)
                try writeLabels(data.labelsOnly, to: labelsPath)
                return "wrote \(output) (\(data.stored.dtype.name) (\(data.stored.shape.map(String.init).joined(separator: ", "))), \(MemoryBudget.format(bytes: bytes)), copied as stored) and \(labelsPath): \(data.count) examples, \(data.featureCount) features, \(data.classCount) classes"
            }
        } catch {
            throw BackpropError(error)
        }
        let data = try Dataset<Double>.load(source: input, x: x, y: y, csv: csv)
        do {
            try NumPyFile.write(data.X.transposed, to: output)
            try writeLabels(data, to: labelsPath)
        } catch {
            throw BackpropError(error)
        }
        return "wrote \(output) (float64 (\(data.count), \(data.featureCount))) and \(labelsPath): \(data.count) examples, \(data.featureCount) features, \(data.classCount) classes"
    }

    /// The labels of `data` as a `.npy`: class indices as int64 (m,), other targets as float64 (m, k).
    private static func writeLabels(_ data: Dataset<Double>, to path: String) throws(FormatError) {
        guard let labels = data.labels else {
            throw FormatError(.mismatch, file: data.source, expected: "labels to write beside the features", found: "none")
        }
        if data.hasClassLabels {
            try NumPyFile.write(data.classIndices.map(Int64.init), shape: [data.count], to: path)
        } else {
            try NumPyFile.write(labels.transposed, to: path)
        }
    }
}
