import BackpropMatrix

/// How ``Dataset/load(path:options:)`` reads a file.
public struct DatasetLoadOptions: Sendable {
    /// CSV files: delimiter, header, label column, categories (`.tsv` files default to tab).
    public var csv = CSVOptions()
    /// Files with several x/y pairs (`train_set_x` and `test_set_x`, `x_train` and `x_test`):
    /// text the pair's name contains, such as `"train"` or `"test"`. When nil, the only pair,
    /// or else the one whose name contains "train".
    public var part: String?
    /// Image folders: every image is converted to this many channels and resized to this size.
    public var imageWidth = 64
    /// See ``imageWidth``.
    public var imageHeight = 64
    /// See ``imageWidth``: 1 gray, 3 RGB (the default), 4 RGBA.
    public var imageChannels = 3
    /// Image folders: how images are resized.
    public var resizeMethod = ResizeMethod.area

    /// The defaults.
    public init() {}
}

extension Dataset {
    /// Loads a data set, choosing the format from the path:
    ///
    /// - a directory: an image folder, one sub-folder per class (``ImageFolder``);
    /// - `.npz`: an x/y pair of arrays (``arrays(x:y:file:xName:)`` explains the shapes);
    /// - `.csv` / `.tsv`: numeric features and a label column (``CSVFile``);
    /// - a name containing `idx3-ubyte` (optionally `.gz`): MNIST images, with the labels file
    ///   found by replacing `images-idx3` with `labels-idx1`;
    /// - `.h5` / `.hdf5`: an x/y pair of datasets, as the course's `train_catvnoncat.h5`
    ///   (`train_set_x`, `train_set_y`, `list_classes`).
    ///
    /// uint8 features (images) are divided by 255, as the course does.
    ///
    /// - Throws: ``FormatError`` for an unknown extension, a missing or ambiguous x/y pair,
    ///   shapes that do not agree, or any error of the underlying reader.
    public static func load(path: String, options: DatasetLoadOptions = DatasetLoadOptions()) throws(FormatError) -> Dataset {
        if FileAccess.isDirectory(path) {
            return try ImageFolder.load(
                path: path, width: options.imageWidth, height: options.imageHeight,
                channels: options.imageChannels, method: options.resizeMethod, as: Scalar.self)
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lower = name.lowercased()
        let suffix = lower.split(separator: ".").last.map(String.init) ?? ""
        if lower.contains("idx3-ubyte") {
            let labelsName = name.replacingFirst("images-idx3", with: "labels-idx1") ?? name.replacingFirst("images.idx3", with: "labels.idx1")
            guard let labelsName else {
                throw FormatError(.mismatch, file: path, expected: "an MNIST images file named …images-idx3-ubyte…", found: quoted(name))
            }
            let labelsPath = String(path.dropLast(name.count)) + labelsName
            let (images, labels): (Matrix<Scalar>, [Int]) = try MNIST.load(images: path, labels: labelsPath)
            return Dataset(x: images, labels: labels, classNames: (0...(labels.max() ?? 0)).map(String.init))
        }
        switch suffix {
        case "npz":
            let archive = try NumPyArchive.read(path: path)
            let pair = try choosePair(archive.names, part: options.part, file: path)
            return try arrays(x: archive.array(named: pair.x, file: path), y: archive.array(named: pair.y, file: path),
                              file: path, xName: pair.x)
        case "csv", "tsv", "txt":
            var csvOptions = options.csv
            if suffix == "tsv" && csvOptions.delimiter == "," { csvOptions.delimiter = "\t" }
            return try csv(CSVFile.read(path: path, options: csvOptions), file: path)
        case "h5", "hdf5":
            return try loadHDF5(path: path, part: options.part)
        default:
            throw FormatError(.unsupported, file: path,
                              expected: "a folder of images, .npz, .csv, .tsv, .h5, or an MNIST …idx3-ubyte file",
                              found: suffix.isEmpty ? "no extension" : "a .\(suffix) file")
        }
    }

    /// A data set from a CSV table: features become X (n, m), label text becomes classes
    /// (integers as themselves, other text as sorted class names).
    ///
    /// - Throws: ``FormatError`` (`.mismatch`) when the table has no label column.
    public static func csv(_ table: CSVTable, file: String) throws(FormatError) -> Dataset {
        guard let labelTexts = table.labels else {
            throw FormatError(.mismatch, file: file, expected: "a label column", found: "none (CSVOptions.label is .none)")
        }
        let n = table.featureNames.count, m = table.exampleCount
        let x = Matrix<Scalar>(rows: n, columns: m) { row, column in Scalar(table.features[column * n + row]) }
        let (labels, names) = classes(fromText: labelTexts)
        return Dataset(x: x, labels: labels, classNames: names, featureNames: table.featureNames)
    }

    /// A data set from an x array and a y array (from `.npz` or HDF5).
    ///
    /// y holds m integer labels, shaped (m,), (1, m) or (m, 1). x is read in whichever
    /// orientation fits: (m, d1, d2, ...) with 3 or more dimensions is one example per leading
    /// index, flattened in C order (row, column, channel for images); a 2-d x is (n, m) when y
    /// is a row (1, m) or x has m columns only, else (m, n) transposed; a 1-d x is one feature.
    /// uint8 x is divided by 255.
    ///
    /// - Throws: ``FormatError`` (`.mismatch`) when y is not one label per example, labels are
    ///   negative or not whole, or x has no axis of length m.
    public static func arrays(x: NpyArray, y: NpyArray, file: String, xName: String = "x", classNames: [String]? = nil) throws(FormatError) -> Dataset {
        let labels64 = try y.integers(file: file)
        let m = labels64.count
        let yIsRow = y.shape.count == 2 && y.shape[0] == 1
        guard y.shape.count <= 1 || (y.shape.count == 2 && (y.shape[0] == 1 || y.shape[1] == 1)) else {
            throw FormatError(.mismatch, file: file, expected: "y of shape (m,), (1, m) or (m, 1)", found: "shape \(NpyArray.describe(y.shape))")
        }
        let features = try Dataset.features(
            values: x.values(as: Scalar.self), shape: x.shape, isUInt8: x.dtype == .uint8,
            exampleCount: m, yIsRow: yIsRow, file: file, name: xName)
        return try Dataset(x: features, labels64: labels64, classNames: classNames, file: file)
    }

    /// A data set from integer labels, checking them.
    init(x: Matrix<Scalar>, labels64: [Int64], classNames: [String]?, file: String) throws(FormatError) {
        guard let bad = labels64.first(where: { $0 < 0 || $0 >= 1 << 20 }) else {
            let labels = labels64.map { Int($0) }
            let needed = (labels.max() ?? -1) + 1
            let names = classNames.flatMap { $0.count >= needed && !$0.isEmpty ? $0 : nil } ?? (0..<Swift.max(needed, 1)).map(String.init)
            self.init(x: x, labels: labels, classNames: names)
            return
        }
        throw FormatError(.mismatch, file: file, expected: "class labels in 0..<2^20", found: "\(bad)")
    }

    /// Features (n, m) from C-ordered values of `shape`; see ``arrays(x:y:file:xName:classNames:)``.
    static func features(
        values: [Scalar], shape: [Int], isUInt8: Bool, exampleCount m: Int, yIsRow: Bool, file: String, name: String
    ) throws(FormatError) -> Matrix<Scalar> {
        let scaled = isUInt8 ? values.map { $0 / 255 } : values
        func mismatch() -> FormatError {
            FormatError(.mismatch, file: file, expected: "\(quoted(name)) with an axis of \(m) examples (one per label)",
                        found: "shape \(NpyArray.describe(shape))")
        }
        switch shape.count {
        case 0: throw mismatch()
        case 1:
            guard shape[0] == m else { throw mismatch() }
            return Matrix(rows: 1, columns: m, elements: scaled)
        case 2:
            let (a, b) = (shape[0], shape[1])
            let columnsAreExamples = b == m && (a != m || yIsRow)
            if columnsAreExamples { return Matrix(rows: a, columns: b, elements: scaled) }
            guard a == m else { throw mismatch() }
            return Matrix(rows: a, columns: b, elements: scaled).transposed
        default:
            guard shape[0] == m else { throw mismatch() }
            let size = m == 0 ? 0 : scaled.count / m
            return Matrix(rows: m, columns: size, elements: scaled).transposed
        }
    }

    /// The x/y pair to load among `names`: `x`/`y`, `x_…`/`y_…` or `…_x`/`…_y` (any case).
    static func choosePair(_ names: [String], part: String?, file: String) throws(FormatError) -> (x: String, y: String) {
        var pairs: [(x: String, y: String)] = []
        let lowered = Dictionary(names.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        for name in names {
            let lower = name.lowercased()
            var partner: String?
            if lower == "x" { partner = "y" }
            else if lower.hasPrefix("x_") { partner = "y_" + lower.dropFirst(2) }
            else if lower.hasSuffix("_x") { partner = lower.dropLast(2) + "_y" }
            if let partner, let y = lowered[partner] { pairs.append((name, y)) }
        }
        let listing = pairs.isEmpty ? names.map { quoted($0) }.joined(separator: ", ") : pairs.map { "\($0.x)/\($0.y)" }.joined(separator: ", ")
        if let part {
            let matching = pairs.filter { $0.x.lowercased().contains(part.lowercased()) }
            guard matching.count == 1 else {
                throw FormatError(.mismatch, file: file, expected: "one x/y pair whose name contains \(quoted(part))", found: listing)
            }
            return matching[0]
        }
        if pairs.count == 1 { return pairs[0] }
        let train = pairs.filter { $0.x.lowercased().contains("train") }
        guard train.count == 1 else {
            throw FormatError(.mismatch, file: file,
                              expected: pairs.isEmpty ? "arrays named x and y (or x_…/y_…, …_x/…_y)" : "one x/y pair (choose with part)",
                              found: listing.isEmpty ? "nothing" : listing)
        }
        return train[0]
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced, or nil when absent.
    func replacingFirst(_ target: String, with replacement: String) -> String? {
        guard !target.isEmpty else { return nil }
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(target) {
                let end = index(start, offsetBy: target.count)
                return String(self[..<start]) + replacement + String(self[end...])
            }
            start = index(after: start)
        }
        return nil
    }
}
