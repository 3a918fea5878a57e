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
            let raw = try source.readRaw()
            let dtype: NpyDType
            var littleEndian = true
            switch source.datatype {
            case .integer(let size, let signed, let bigEndian):
                littleEndian = !bigEndian
                switch (size, signed) {
                case (1, false): dtype = .uint8
                case (1, true): dtype = .int8
                case (2, false): dtype = .uint16
                case (2, true): dtype = .int16
                case (4, false): dtype = .uint32
                case (4, true): dtype = .int32
                case (8, false): dtype = .uint64
                case (8, true): dtype = .int64
                default: throw BackpropError(.unsupported, "\(file): \(path) has \(size)-byte integers", hint: "NumPy has 1, 2, 4 and 8-byte integers")
                }
            case .float(let size, let bigEndian):
                littleEndian = !bigEndian
                switch size {
                case 2: dtype = .float16
                case 4: dtype = .float32
                case 8: dtype = .float64
                default: throw BackpropError(.unsupported, "\(file): \(path) has \(size)-byte floats", hint: "NumPy has 2, 4 and 8-byte floats")
                }
            default:
                throw BackpropError(.unsupported, "\(file): \(path) holds \(source.datatype), not numbers",
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
        guard ["npz", "csv", "h5", "hdf5"].contains(fileExtension(output)) else {
            throw BackpropError(.unsupported, "\(output): cannot write .\(fileExtension(output)) data", hint: "convert to a .npz, .csv or .h5 file")
        }
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
}
