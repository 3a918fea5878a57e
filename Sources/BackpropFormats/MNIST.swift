import BackpropMatrix

/// Loads MNIST-style data (the four standard IDX files, plain or gzip-compressed) in course
/// orientation.
///
///     let train = try MNIST.load(images: "train-images-idx3-ubyte.gz",
///                                labels: "train-labels-idx1-ubyte.gz", as: Float.self)
///     train.images   // (784, 60000), pixels / 255
///     train.labels   // [5, 0, 4, ...]
public enum MNIST {
    /// Reads an images file (uint8, (m, rows, columns)) and its labels file (uint8, (m)).
    ///
    /// - Returns: `images` of shape (rows·columns, m), one flattened image per column (row by
    ///   row), scaled to [0, 1] by dividing by 255 (``PixelScaling``); `labels`, m class indices.
    /// - Throws: ``FormatError`` for a bad file, images that are not 3-d uint8, labels that are
    ///   not 1-d uint8, or counts that differ; `.tooLarge` when the matrix does not fit the
    ///   ``MemoryBudget``.
    public static func load<T: MatrixScalar>(
        images imagesPath: String, labels labelsPath: String, as type: T.Type = T.self
    ) throws(FormatError) -> (images: Matrix<T>, labels: [Int]) {
        let images = try IDXFile.read(path: imagesPath)
        let labels = try IDXFile.read(path: labelsPath)
        return try combine(images: images, labels: labels, imagesFile: imagesPath, labelsFile: labelsPath)
    }

    /// Combines decoded image and label arrays; see ``load(images:labels:as:)``.
    static func combine<T: MatrixScalar>(
        images: NpyArray, labels: NpyArray, imagesFile: String, labelsFile: String
    ) throws(FormatError) -> (images: Matrix<T>, labels: [Int]) {
        guard images.dtype == .uint8, images.shape.count == 3 else {
            throw FormatError(.mismatch, file: imagesFile, expected: "uint8 images of shape (m, rows, columns)",
                              found: "\(images.dtype.name) of shape \(NpyArray.describe(images.shape))")
        }
        guard labels.dtype == .uint8, labels.shape.count == 1 else {
            throw FormatError(.mismatch, file: labelsFile, expected: "uint8 labels of shape (m,)",
                              found: "\(labels.dtype.name) of shape \(NpyArray.describe(labels.shape))")
        }
        let count = images.shape[0]
        guard labels.shape[0] == count else {
            throw FormatError(.mismatch, file: labelsFile, expected: "\(count) labels, one per image of \(imagesFile)",
                              found: "\(labels.shape[0]) labels")
        }
        try ArrayPair<T>.checkBudget(
            file: imagesFile, names: (fileName(imagesFile), fileName(labelsFile)),
            x: .init(shape: images.shape, elementSize: 1, isPixels: true), y: .init(shape: labels.shape, elementSize: 1, isPixels: false),
            scalarSize: MemoryLayout<T>.stride)
        // (m, size) row-major → (size, m): example i becomes column i, pixels / 255.
        let matrix = PixelScaling.columns(images.data, examples: count, features: images.shape[1] * images.shape[2], as: T.self)
        return (matrix, labels.data.map { Int($0) })
    }
}
