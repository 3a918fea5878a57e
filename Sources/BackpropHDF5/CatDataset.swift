#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropMatrix

/// The course's "cat vs non-cat" data set (DeepLearning.AI, "Deep Neural Network -
/// Application"), loaded from `train_catvnoncat.h5` and `test_catvnoncat.h5`.
///
/// Each 64×64 RGB image becomes one column of X, its pixels in row, column, channel order and
/// divided by 255, exactly as the course's
/// `train_x = train_set_x_orig.reshape(m, -1).T / 255` (computed in `Double`, then converted
/// to `Scalar`):
///
/// - `trainX` (12288, 209), `trainY` (1, 209) — 72 cats;
/// - `testX` (12288, 50), `testY` (1, 50) — 33 cats;
/// - `classes` `["non-cat", "cat"]`.
public struct CatDataset<Scalar: MatrixScalar>: Sendable {
    /// Training images, one per column: (12288, 209), values in [0, 1].
    public var trainX: Matrix<Scalar>
    /// Training labels (1 = cat): (1, 209).
    public var trainY: Matrix<Scalar>
    /// Test images, one per column: (12288, 50).
    public var testX: Matrix<Scalar>
    /// Test labels: (1, 50).
    public var testY: Matrix<Scalar>
    /// The class names, indexed by label: `["non-cat", "cat"]`.
    public var classes: [String]

    /// The two file names looked for.
    public static var fileNames: [String] { ["train_catvnoncat.h5", "test_catvnoncat.h5"] }

    /// Loads both files from `folder`, or from ``defaultFolder()`` when `folder` is nil.
    ///
    /// - Throws: ``HDF5Error`` `.cannotOpen` when a file is missing, `.typeMismatch` when a
    ///   dataset has an unexpected shape or type, or any error reading the files.
    public static func load(from folder: String? = nil) throws(HDF5Error) -> CatDataset {
        let directory = folder ?? defaultFolder()
        let train = try HDF5File(path: directory + "/train_catvnoncat.h5")
        let test = try HDF5File(path: directory + "/test_catvnoncat.h5")
        let (trainX, trainY) = try examples(train, x: "train_set_x", y: "train_set_y")
        let (testX, testY) = try examples(test, x: "test_set_x", y: "test_set_y")
        let classes = try train.dataset(at: "list_classes").readStrings()
        return CatDataset(trainX: trainX, trainY: trainY, testX: testX, testY: testY, classes: classes)
    }

    /// Reads images (m, 64, 64, 3) uint8 and labels (m) and returns X (12288, m) = images
    /// flattened per example, transposed, / 255, and Y (1, m).
    static func examples(_ file: HDF5File, x: String, y: String) throws(HDF5Error) -> (Matrix<Scalar>, Matrix<Scalar>) {
        let images = try file.dataset(at: x)
        guard images.shape.count == 4, images.datatype == .integer(size: 1, signed: false, bigEndian: false) else {
            throw HDF5Error(.typeMismatch, file: file.path, objectPath: images.path,
                            found: "expected uint8 images (m, height, width, channels), found \(images.datatype) \(images.shape)")
        }
        let m = images.shape[0]
        let features = images.shape[1] * images.shape[2] * images.shape[3]
        let pixels = try images.readRaw().bytes
        let transposed = CatDataset<Double>.transposeScaled(pixels, examples: m, features: features)
        let elements: ContiguousArray<Scalar> = Scalar.self == Double.self
            ? unsafeBitCast(transposed, to: ContiguousArray<Scalar>.self)
            : ContiguousArray(transposed.lazy.map { Scalar($0) })
        let labels = try file.dataset(at: y).read(as: Scalar.self).values
        guard labels.count == m else {
            throw HDF5Error(.typeMismatch, file: file.path, objectPath: "/" + y, found: "\(labels.count) labels for \(m) images")
        }
        return (Matrix(rows: features, columns: m, elements: elements), Matrix(rows: 1, columns: m, elements: labels))
    }
}

extension CatDataset where Scalar == Double {
    /// X[feature, example] = pixels[example * features + feature] / 255, in `Double` (a concrete
    /// loop: the generic one runs unspecialised and is twenty times slower).
    static func transposeScaled(_ pixels: [UInt8], examples m: Int, features: Int) -> ContiguousArray<Double> {
        let table = (0..<256).map { Double($0) / 255 }
        var elements = ContiguousArray<Double>(repeating: 0, count: pixels.count)
        pixels.withUnsafeBufferPointer { source in
            table.withUnsafeBufferPointer { values in
                elements.withUnsafeMutableBufferPointer { target in
                    // In 64 × 64 tiles, so that both the reads and the writes stay in cache.
                    let tile = 64
                    for exampleStart in stride(from: 0, to: m, by: tile) {
                        let exampleEnd = min(exampleStart + tile, m)
                        for featureStart in stride(from: 0, to: features, by: tile) {
                            let featureEnd = min(featureStart + tile, features)
                            for example in exampleStart..<exampleEnd {
                                for feature in featureStart..<featureEnd {
                                    target[feature * m + example] = values[Int(source[example * features + feature])]
                                }
                            }
                        }
                    }
                }
            }
        }
        return elements
    }
}

/// Where the course data are looked for (shared by every ``CatDataset`` specialisation).
public enum CourseData {
    /// The environment variable that overrides the data folder.
    public static let environmentVariable = "BACKPROP_DATA"

    /// `$BACKPROP_DATA` when set and not empty, else `../shared/data` (relative to the current
    /// directory: the project's root in CI).
    public static func defaultFolder() -> String {
        if let value = getenv(environmentVariable), let text = String(validatingCString: value), !text.isEmpty { return text }
        return "../shared/data"
    }

    /// The folders ``findFolder(startingAt:)`` tries, in order: only `$BACKPROP_DATA` when it
    /// is set (it overrides the search); otherwise, from `start` (default: the current
    /// directory) and each of its ancestors, `shared/data` and `../shared/data`.
    public static func candidateFolders(startingAt start: String? = nil) -> [String] {
        if let value = getenv(environmentVariable), let text = String(validatingCString: value), !text.isEmpty { return [text] }
        var result: [String] = []
        var directory = start ?? currentDirectory()
        for _ in 0..<32 {
            let prefix = directory == "/" ? "" : directory
            result.append(prefix + "/shared/data")
            result.append(prefix + "/../shared/data")
            guard let slash = directory.lastIndex(of: "/"), directory != "/" else { break }
            directory = slash == directory.startIndex ? "/" : String(directory[..<slash])
        }
        return result
    }

    /// The first of ``candidateFolders(startingAt:)`` holding both course files, or nil.
    public static func findFolder(startingAt start: String? = nil) -> String? {
        candidateFolders(startingAt: start).first { folder in
            ["train_catvnoncat.h5", "test_catvnoncat.h5"].allSatisfy { access(folder + "/" + $0, R_OK) == 0 }
        }
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension CatDataset {
    /// `$BACKPROP_DATA` when set, else `../shared/data`; see ``CourseData``.
    public static func defaultFolder() -> String { CourseData.defaultFolder() }
}
