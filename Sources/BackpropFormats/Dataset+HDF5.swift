import BackpropMatrix
import BackpropHDF5

extension Dataset {
    /// Loads an x/y pair of datasets from an HDF5 file, such as the course's
    /// `train_catvnoncat.h5` (`train_set_x` (209, 64, 64, 3) uint8, `train_set_y` (209,) int64,
    /// `list_classes`).
    ///
    /// The pair is `x` and `y` when given (paths inside the file), else the datasets whose names
    /// pair up (`choosePair(_:x:y:part:file:noun:)`: `x`/`y`, `x_…`/`y_…`, `…_x`/`…_y`).
    /// Class names come from a `list_classes`, `classes` or `class_names` string dataset beside
    /// x. Shapes and scaling are those of every x/y pair (``arrays(x:y:file:xName:yName:classNames:)``):
    /// uint8 images become X = x.reshape(m, -1).T / 255, exactly as the course computes it.
    ///
    /// - Parameters:
    ///   - path: the `.h5` file.
    ///   - x: the features' dataset, or nil to find it.
    ///   - y: the labels' dataset, or nil to find it.
    ///   - part: text the pair's x name contains when the file has several (`"test"`).
    /// - Returns: the data set, its ``source`` `"file.h5 (x, y)"`.
    /// - Throws: ``FormatError``: `.unreadable` when the file cannot be opened, `.mismatch`
    ///   naming the datasets that exist when a name is missing or no pair is found, or when the
    ///   shapes do not fit; `.invalid` or `.unsupported` for content the reader cannot read.
    public static func loadHDF5(path: String, x: String? = nil, y: String? = nil, part: String? = nil) throws(FormatError) -> Dataset {
        do {
            let file = try HDF5File(path: path)
            let names = try file.root.datasetPaths()
            let pair = try choosePair(names, x: x, y: y, part: part, file: path, noun: "dataset")
            let xSet = try file.dataset(at: pair.x)
            let ySet = try file.dataset(at: pair.y)
            try refuseUnwritten([xSet, ySet], file: path)
            try ArrayPair<Scalar>.checkBudget(
                file: path, names: pair, x: .init(shape: xSet.shape, elementSize: xSet.storedElementSize, isPixels: xSet.isPixels),
                y: .init(shape: ySet.shape, elementSize: ySet.storedElementSize, isPixels: false), scalarSize: MemoryLayout<Scalar>.stride)
            let features: ArrayPair<Scalar>.Features
            if xSet.isPixels {
                features = .pixels(try xSet.readRaw().bytes)
            } else {
                features = .numbers(try xSet.read(as: Scalar.self).values)
            }
            let (labels, isInteger) = try values(of: ySet)
            let arrays = ArrayPair(file: path, names: pair, x: features, xShape: xSet.isNull ? [0] : xSet.shape,
                                   y: labels, yShape: ySet.isNull ? [0] : ySet.shape, yIsInteger: isInteger,
                                   classNames: classNames(in: file, beside: pair.x, among: names))
            return try arrays.dataset(source: "\(fileName(path)) (\(pair.x), \(pair.y))")
        } catch let error as HDF5Error {
            throw FormatError(error)
        } catch let error as FormatError {
            throw error
        } catch {
            throw FormatError(.invalid, file: path, expected: "a readable HDF5 data set", found: "\(error)")
        }
    }

    /// A labels dataset's values (integers exactly) and whether they are integers.
    static func values(of labels: HDF5Dataset) throws(HDF5Error) -> ([Double], Bool) {
        if case .integer = labels.datatype { return (try labels.readInt64().map { Double($0) }, true) }
        return (try labels.read(as: Double.self).values, false)
    }

    /// The labels of `pair` in `file` (y read, x left on disk), for streaming x.
    ///
    /// - Throws: ``FormatError`` for a y that was never written, is over the budget or cannot be read.
    static func labels(of file: HDF5File, pair: (x: String, y: String), path: String, classNames: [String]?) throws(FormatError) -> ArrayPair<Double> {
        let ySet: HDF5Dataset
        do throws(HDF5Error) { ySet = try file.dataset(at: pair.y) } catch { throw FormatError(error) }
        try refuseUnwritten([ySet], file: path)
        try ArrayPair<Double>.checkBudget(file: path, names: pair, x: .init(shape: [], elementSize: 0, isPixels: false),
                                          y: .init(shape: ySet.shape, elementSize: ySet.storedElementSize, isPixels: false), scalarSize: 8)
        let read: ([Double], Bool)
        do throws(HDF5Error) { read = try Self.values(of: ySet) } catch { throw FormatError(error) }
        return ArrayPair(file: path, names: pair, x: .numbers([]), xShape: [], y: read.0, yShape: ySet.isNull ? [0] : ySet.shape,
                         yIsInteger: read.1, classNames: classNames)
    }

    /// Throws for a dataset that was never written (``HDF5Dataset/isWritten``): its values would
    /// all be the fill value, which is no data to learn from (and a 2 kB file can declare
    /// terabytes of them).
    static func refuseUnwritten(_ datasets: [HDF5Dataset], file: String) throws(FormatError) {
        for dataset in datasets where !dataset.isWritten && !dataset.isNull && dataset.elementCount > 0 {
            throw FormatError(.mismatch, file: file, expected: "data stored in \(quoted(dataset.path))",
                              found: "a dataset of shape \(NpyArray.describe(dataset.shape)) that was never written (no storage allocated)")
        }
    }

    /// The names under which a data file stores its class names, first found first used.
    static var classNameArrays: [String] { ["list_classes", "classes", "class_names"] }

    /// The strings of the first `list_classes`, `classes` or `class_names` array of an `.npz`
    /// (one-dimensional, of byte or unicode strings), or nil.
    static func classNames(in archive: NumPyArchive) -> [String]? {
        for candidate in classNameArrays {
            if let names = archive.strings.first(where: { $0.name == candidate })?.array, names.shape.count == 1 { return names.strings }
        }
        return nil
    }

    /// The strings of the first `list_classes`, `classes` or `class_names` dataset in x's group
    /// that reads as strings, or nil.
    static func classNames(in file: HDF5File, beside x: String, among names: [String]) -> [String]? {
        let group = x.lastIndex(of: "/").map { String(x[...$0]) } ?? ""
        for candidate in classNameArrays where names.contains(group + candidate) {
            if let strings = try? file.dataset(at: group + candidate).readStrings() { return strings }
        }
        return nil
    }
}

extension HDF5Dataset {
    /// Whether the data are uint8, read as pixels (`PixelScaling`).
    var isPixels: Bool {
        if case .integer(size: 1, signed: false, _) = datatype { return true }
        return false
    }

    /// Bytes per element as the loader holds them raw: the stored size, or 8 for the `Int64`
    /// values of integer labels.
    var storedElementSize: Int {
        switch datatype {
        case .integer(let size, _, _), .float(let size, _): return size
        default: return 8
        }
    }
}
