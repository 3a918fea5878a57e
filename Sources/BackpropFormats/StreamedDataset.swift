import BackpropHDF5
import BackpropIO
import BackpropMatrix

/// A training set whose features stay on disk (read a block at a time by
/// ``ExampleFileStream``) and whose labels are in memory: what `backprop train --stream` trains
/// on. Its labels, class names and input shape are those ``Dataset/load(path:options:)`` gives
/// for the same file.
///
/// Streamable files: a `.npy` of features with its labels in another `.npy` (`x.npy`/`y.npy`,
/// `train_x.npy`/`train_y.npy`, `x_train.npy`/`y_train.npy`, or named by `y`); a `.npz` whose
/// x member is stored uncompressed (`np.savez`); an HDF5 file whose x dataset is contiguous
/// (the course's files are) or chunked along the examples; an uncompressed MNIST IDX images
/// file with its labels file.
public struct StreamedDataset: Sendable {
    /// Where the features are.
    public let stored: StoredExamples
    /// The labels, (1, m) class indices or (k, m) targets.
    public let labels: Matrix<Double>
    /// The class names, index 0 first (empty for targets).
    public let classNames: [String]
    /// "file (x, y)", as the in-memory data set's ``Dataset/source``.
    public let source: String

    /// m, the number of examples.
    public var count: Int { stored.exampleCount }
    /// The labels as a data set without features, (0, m): its ``Dataset/classCount``,
    /// ``Dataset/hasClassLabels`` and checks are this data set's.
    public var labelsOnly: Dataset<Double> {
        Dataset(X: Matrix(rows: 0, columns: count), labels: labels, classNames: classNames, source: source)
    }
    /// n, the features of one example.
    public var featureCount: Int { stored.featureCount }
    /// The shape of one example when it is an image.
    public var inputShape: [Int]? { stored.imageShape }
    /// The bytes of the features on disk.
    public var storedBytes: Int { stored.exampleCount * stored.featureCount * stored.dtype.itemSize }

    /// Whether `path` names a file that can be streamed (by its name; the content is checked
    /// by ``open(path:options:)``).
    public static func isStreamable(_ path: String) -> Bool {
        let name = fileName(path).lowercased()
        return ["npy", "npz", "h5", "hdf5", "he5"].contains(fileExtension(name)) || (name.contains("idx3-ubyte") && !name.hasSuffix(".gz"))
    }

    /// Opens the features of `path` for streaming and reads its labels.
    ///
    /// - Throws: ``FormatError``: a file kind that cannot be streamed (`.unsupported`: gzipped
    ///   IDX, HDF5 chunked along its features, CSV, a compressed `.npz` member, image folders), a missing labels file or dataset, labels
    ///   that do not give one per example, or any error of the readers.
    public static func open(path: String, options: DatasetLoadOptions = DatasetLoadOptions()) throws(FormatError) -> StreamedDataset {
        let name = fileName(path)
        if name.lowercased().contains("idx3-ubyte") { return try idx(path: path) }
        switch fileExtension(name) {
        case "npy": return try npy(path: path, labelsPath: options.y)
        case "h5", "hdf5", "he5": return try hdf5(path: path, options: options)
        case "npz": return try npz(path: path, options: options)
        default:
            throw FormatError(.unsupported, file: path, expected: "a .npy, .npz, an HDF5 file or an uncompressed MNIST IDX file to stream",
                              found: "a file that is read whole (convert it to .npy first: `backprop convert \(path) x.npy`)")
        }
    }

    /// A `.npy` of features and its labels `.npy`.
    static func npy(path: String, labelsPath: String?) throws(FormatError) -> StreamedDataset {
        let yPath: String
        if let labelsPath { yPath = labelsPath } else { yPath = try Dataset<Double>.labelsFile(besideFeatures: path) }
        let y = try NumPyFile.read(path: yPath)
        let isInteger = !y.dtype.isFloatingPoint
        let pair = ArrayPair<Double>(file: yPath, names: (fileName(path), fileName(yPath)), x: .numbers([]), xShape: [],
                                     y: y.values(as: Double.self), yShape: y.shape, yIsInteger: isInteger, classNames: nil)
        let header = try StoredExamples.npy(path: path)
        let first = try orientation(path: path, x: header, pair: pair)
        return try StoredExamples.npy(path: path, examplesFirst: first).streamed(with: pair, source: "\(fileName(path)) (x), \(fileName(yPath)) (y)")
    }

    /// An HDF5 file's x/y pair, x contiguous.
    static func hdf5(path: String, options: DatasetLoadOptions) throws(FormatError) -> StreamedDataset {
        let file: HDF5File, names: [String]
        do throws(HDF5Error) {
            file = try HDF5File(path: path)
            names = try file.root.datasetPaths()
        } catch {
            throw FormatError(error)
        }
        let pair = try Dataset<Double>.choosePair(names, x: options.x, y: options.y, part: options.part, file: path, noun: "dataset")
        let arrays = try Dataset<Double>.labels(of: file, pair: pair, path: path, classNames: Dataset<Double>.classNames(in: file, beside: pair.x, among: names))
        let first = try orientation(path: path, x: StoredExamples.hdf5(path: path, dataset: pair.x), pair: arrays)
        return try StoredExamples.hdf5(path: path, dataset: pair.x, examplesFirst: first)
            .streamed(with: arrays, source: "\(fileName(path)) (\(pair.x), \(pair.y))")
    }

    /// A `.npz` archive's x/y pair, x stored uncompressed: its labels and class names (the
    /// `list_classes` member, as in memory) are the only members read.
    static func npz(path: String, options: DatasetLoadOptions) throws(FormatError) -> StreamedDataset {
        let file = try StoredExamples.open(path, expecting: "a NumPy .npz archive")
        let zip = try NumPyArchive.directory(of: file)
        let names = zip.entries.filter { $0.name.hasSuffix(".npy") }.map { String($0.name.dropLast(4)) }
        let pair = try Dataset<Double>.choosePair(names, x: options.x, y: options.y, part: options.part, file: path)
        let small = try NumPyArchive.read(zip, file: path) { $0 == pair.y || Dataset<Double>.classNameArrays.contains($0) }
        let y = try small.array(named: pair.y, file: path)
        let arrays = ArrayPair<Double>(file: path, names: pair, x: .numbers([]), xShape: [], y: y.values(as: Double.self), yShape: y.shape,
                                       yIsInteger: !y.dtype.isFloatingPoint, classNames: Dataset<Double>.classNames(in: small))
        let first = try orientation(path: path, x: StoredExamples.npz(zip, file: file, member: pair.x, examplesFirst: nil), pair: arrays)
        return try StoredExamples.npz(zip, file: file, member: pair.x, examplesFirst: first)
            .streamed(with: arrays, source: fileName(path))
    }

    /// An uncompressed IDX images file and its labels file.
    static func idx(path: String) throws(FormatError) -> StreamedDataset {
        let stored = try StoredExamples.idx(path: path)
        let labelsPath = try Dataset<Double>.idxLabelsPath(forImages: path)
        let labels = try IDXFile.read(path: labelsPath)
        guard !labels.dtype.isFloatingPoint, labels.shape == [stored.exampleCount] else {
            throw FormatError(.mismatch, file: labelsPath, expected: "\(stored.exampleCount) integer labels, one per image of \(path)",
                              found: "\(labels.dtype.name) of shape \(NpyArray.describe(labels.shape))")
        }
        let classes = labels.values(as: Double.self)
        try Dataset<Double>.checkClassLabels(classes, file: labelsPath, name: "the labels")
        let names = (0...Int(classes.max() ?? 0)).map(String.init)
        return StreamedDataset(stored: stored, labels: Matrix(rows: 1, columns: classes.count, elements: classes),
                               classNames: names, source: fileName(path))
    }

    /// Whether x's first axis holds the examples, as the in-memory loader decides it
    /// (`ArrayPair/examplesFirst(xShape:examples:yIsRow:)`).
    static func orientation(path: String, x: StoredExamples, pair: ArrayPair<Double>) throws(FormatError) -> Bool {
        let (_, m) = try pair.labelMatrix()
        let shape = x.shape
        guard let first = ArrayPair<Double>.examplesFirst(xShape: shape, examples: m, yIsRow: pair.yShape.count == 2 && pair.yShape[0] == 1) else {
            throw FormatError(.mismatch, file: path, expected: "\(quoted(pair.names.x)) with an axis of \(m) examples (one per label)",
                              found: "shape \(NpyArray.describe(shape))")
        }
        return first
    }
}

extension StoredExamples {
    /// These examples with the labels and class names of `pair` (its y).
    ///
    /// - Throws: ``FormatError`` when the labels do not give one per example.
    func streamed(with pair: ArrayPair<Double>, source: String) throws(FormatError) -> StreamedDataset {
        let (labels, m) = try pair.labelMatrix()
        guard m == exampleCount else {
            throw FormatError(.mismatch, file: path, expected: "\(m) examples, one per label of \(quoted(pair.names.y))", found: "\(exampleCount)")
        }
        return StreamedDataset(stored: self, labels: labels, classNames: pair.classNamesForLabels(labels), source: source)
    }
}
