import BackpropIO
import BackpropMatrix

/// How ``Dataset/load(path:options:)`` reads a file.
public struct DatasetLoadOptions: Sendable {
    /// CSV files: delimiter, header, label column, categories (`.tsv` files default to tab). A
    /// CSV file read with `csv.label == .none` gives a data set without labels.
    public var csv = CSVOptions()
    /// Files with x/y arrays (`.npz`, HDF5): the features' array by name (an HDF5 path such as
    /// `"train_set_x"`); nil: found from the names (see ``part``).
    public var x: String?
    /// The labels' array by name; nil: the partner of x (`train_set_y` for `train_set_x`).
    public var y: String?
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
    /// The kinds of files ``load(path:options:)`` reads, for messages.
    public static var readableKinds: String {
        ".h5/.hdf5, .npz, .csv/.tsv, MNIST …idx3-ubyte[.gz], a folder of class sub-folders of images"
    }

    /// Whether ``load(path:options:)`` reads a file of this name as data by its extension
    /// (`.h5`, `.hdf5`, `.he5`, `.npz`, `.csv`, `.tsv`) or its MNIST name (`…idx3-ubyte`);
    /// `.txt`, also read as CSV, is left out: in a folder it is more often prose than data.
    public static func isDataFileName(_ name: String) -> Bool {
        name.lowercased().contains("idx3-ubyte") || ["h5", "hdf5", "he5", "npz", "npy", "csv", "tsv"].contains(fileExtension(name))
    }

    /// Loads a data set, choosing the format from the path:
    ///
    /// - a directory: an image folder, one sub-folder per class (``ImageFolder``);
    /// - `.npz`: an x/y pair of arrays (``arrays(x:y:file:xName:yName:classNames:)`` explains
    ///   the shapes);
    /// - `.csv` / `.tsv` / `.txt`: numeric features and a label column (``CSVFile``);
    /// - a name containing `idx3-ubyte` (optionally `.gz`): MNIST images, with the labels file
    ///   found by replacing `images-idx3` with `labels-idx1`;
    /// - `.h5` / `.hdf5` / `.he5`: an x/y pair of datasets (``loadHDF5(path:x:y:part:)``), as the
    ///   course's `train_catvnoncat.h5`.
    ///
    /// uint8 features (images) are divided by 255, as the course does (`PixelScaling`).
    /// The ``source`` is the file's name (for HDF5, with the names of the pair).
    ///
    /// - Throws: ``FormatError`` for an unknown extension (`.unsupported`), a missing or
    ///   ambiguous x/y pair, shapes that do not agree, a CSV file without feature columns
    ///   (`.mismatch`), or any error of the underlying reader.
    public static func load(path: String, options: DatasetLoadOptions = DatasetLoadOptions()) throws(FormatError) -> Dataset {
        if FileAccess.isDirectory(path) {
            return try ImageFolder.load(
                path: path, width: options.imageWidth, height: options.imageHeight,
                channels: options.imageChannels, method: options.resizeMethod, as: Scalar.self)
        }
        let name = fileName(path)
        if name.lowercased().contains("idx3-ubyte") { return try mnist(imagesPath: path) }
        let suffix = fileExtension(path)
        switch suffix {
        case "npz":
            let archive = try NumPyArchive.read(path: path)
            let pair = try choosePair(archive.names, x: options.x, y: options.y, part: options.part, file: path)
            return try arrays(x: archive.array(named: pair.x, file: path), y: archive.array(named: pair.y, file: path),
                              file: path, xName: pair.x, yName: pair.y, classNames: classNames(in: archive))
        case "csv", "tsv", "txt":
            var csvOptions = options.csv
            if suffix == "tsv" && csvOptions.delimiter == "," { csvOptions.delimiter = "\t" }
            return try csv(CSVFile.read(path: path, options: csvOptions), file: path)
        case "h5", "hdf5", "he5":
            return try loadHDF5(path: path, x: options.x, y: options.y, part: options.part)
        case "npy":
            let yPath: String
            if let y = options.y { yPath = y } else { yPath = try labelsFile(besideFeatures: path) }
            var data = try arrays(x: NumPyFile.read(path: path), y: NumPyFile.read(path: yPath), file: path,
                                  xName: fileName(path), yName: fileName(yPath))
            data.source = "\(fileName(path)) (x), \(fileName(yPath)) (y)"
            return data
        default:
            throw FormatError(.unsupported, file: path, expected: "a folder of images, .npz, .npy (with its labels .npy), .csv, .tsv, .h5, or an MNIST …idx3-ubyte file",
                              found: suffix.isEmpty ? "no extension" : "a .\(suffix) file")
        }
    }

    /// MNIST images and the labels file beside them (`…images-idx3…` → `…labels-idx1…`), with
    /// input shape (rows, columns, 1).
    static func mnist(imagesPath path: String) throws(FormatError) -> Dataset {
        let name = fileName(path)
        let labelsPath = try idxLabelsPath(forImages: path)
        let images = try IDXFile.read(path: path)
        let (X, labels): (Matrix<Scalar>, [Int]) = try MNIST.combine(
            images: images, labels: IDXFile.read(path: labelsPath), imagesFile: path, labelsFile: labelsPath)
        return Dataset(X: X, classIndices: labels, classNames: (0...(labels.max() ?? 0)).map(String.init),
                       inputShape: [images.shape[1], images.shape[2], 1], source: name)
    }

    /// The labels file of an MNIST images file: `…images-idx3…` → `…labels-idx1…`, gzipped or not.
    ///
    /// - Throws: ``FormatError`` (`.mismatch`) for a name without `images-idx3`.
    static func idxLabelsPath(forImages path: String) throws(FormatError) -> String {
        let name = fileName(path)
        let labelsName = name.replacingFirst("images-idx3", with: "labels-idx1") ?? name.replacingFirst("images.idx3", with: "labels.idx1")
        guard let labelsName else {
            throw FormatError(.mismatch, file: path, expected: "an MNIST images file named …images-idx3-ubyte…", found: quoted(name))
        }
        return besideLabels(String(path.dropLast(name.count)) + labelsName)
    }

    /// The labels `.npy` beside a features `.npy`, named as ``choosePair(_:x:y:part:file:noun:)``
    /// pairs arrays: `x.npy` → `y.npy`, `x_train.npy` → `y_train.npy`, `train_x.npy` → `train_y.npy`
    /// (either case).
    ///
    /// - Throws: ``FormatError`` (`.mismatch`) when the name does not pair or the file is missing.
    static func labelsFile(besideFeatures path: String) throws(FormatError) -> String {
        let candidates = labelsCandidates(forFeatures: path)
        guard let found = candidates.first(where: { FileKind(path: $0) != nil }) else {
            throw FormatError(.mismatch, file: path, expected: "a labels file beside it (\(candidates.isEmpty ? "name the features x.npy, x_….npy or …_x.npy" : candidates.map { fileName($0) }.joined(separator: " or ")))",
                              found: candidates.isEmpty ? "a name that does not pair" : "none; name it with --y FILE.npy")
        }
        return found
    }

    /// The paths a features `.npy` pairs with, first choice first: `x.npy` → `y.npy`,
    /// `X_train.npy` → `Y_train.npy` or `y_train.npy`, `train_x.npy` → `train_y.npy`; none
    /// for a name without an `x` part.
    public static func labelsCandidates(forFeatures path: String) -> [String] {
        let name = fileName(path), folder = String(path.dropLast(name.count))
        let stem = name.lowercased().hasSuffix(".npy") ? String(name.dropLast(4)) : name
        var candidates: [String] = []
        for (x, y) in [("x", "y"), ("X", "Y"), ("X", "y")] {
            if stem == x { candidates.append(y) }
            if stem.hasPrefix(x + "_") { candidates.append(y + stem.dropFirst(1)) }
            if stem.hasSuffix("_" + x) { candidates.append(stem.dropLast(1) + y) }
        }
        return candidates.map { folder + $0 + ".npy" }
    }

    /// The labels file named `path`, or, when only the other one exists, the same name with or
    /// without `.gz` (gzipped images beside plain labels, or the reverse).
    private static func besideLabels(_ path: String) -> String {
        let other = path.hasSuffix(".gz") ? String(path.dropLast(3)) : path + ".gz"
        return FileKind(path: path) == nil && FileKind(path: other) != nil ? other : path
    }

    /// A data set from a CSV table: features become X (n, m), label text becomes classes
    /// (integers as themselves, other text as sorted class names); a table without a label
    /// column gives a data set without labels.
    ///
    /// - Throws: ``FormatError`` (`.mismatch`) when the table has no feature column or an integer
    ///   label is not a class index (`classes(fromText:file:)`); `.tooLarge` when X does not
    ///   fit the `MemoryBudget`.
    public static func csv(_ table: CSVTable, file: String) throws(FormatError) -> Dataset {
        let n = table.featureNames.count, m = table.exampleCount
        guard n > 0 else {
            throw FormatError(.mismatch, file: file, expected: "feature columns besides the label column",
                              found: "no feature columns (each row is one field, read as the label)")
        }
        do {
            // The table's 64-bit values and X, side by side while X is built.
            try MemoryBudget.current.check(shape: [n, m], elementSize: 8 + MemoryLayout<Scalar>.stride, for: "\(n) features × \(m) examples")
        } catch {
            throw FormatError(error, file: file)
        }
        let x = Matrix<Scalar>(rows: n, columns: m) { row, column in Scalar(table.features[column * n + row]) }
        guard let labelTexts = table.labels else {
            return Dataset(X: x, labels: nil, featureNames: table.featureNames, source: fileName(file))
        }
        let (labels, names) = try classes(fromText: labelTexts, file: file)
        return Dataset(X: x, classIndices: labels, classNames: names, featureNames: table.featureNames, source: fileName(file))
    }
}

/// The last component of a path: `"data/train.h5"` → `"train.h5"`.
func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}

/// The lower-cased extension of a path's file name, "" when it has none.
func fileExtension(_ path: String) -> String {
    let name = fileName(path)
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return name[name.index(after: dot)...].lowercased()
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
