import BackpropMatrix

/// Loads MNIST-style data (the four standard IDX files, plain or gzip-compressed) in course
/// orientation.
///
///     let train = try MNIST.load(images: "train-images-idx3-ubyte.gz",
///                                labels: "train-labels-idx1-ubyte.gz", as: Float.self)
///     train.images   // (784, 60000), pixels / 255
///     train.labels   // [5, 0, 4, ...]
public enum MNIST {
    /// Reads an images file ((m, rows, columns), uint8 pixels or any other IDX type) and its
    /// labels file (whole numbers, (m)).
    ///
    /// - Returns: `images` of shape (rows·columns, m), one flattened image per column (row by
    ///   row), scaled to [0, 1] by dividing by 255 (`PixelScaling`); `labels`, m class indices.
    /// - Throws: ``FormatError`` for a bad file, images that are not 3-d, labels that are not
    ///   1-d whole numbers from 0 (class indices), or counts that differ; `.tooLarge` when the matrix does not fit the
    ///   `MemoryBudget`.
    public static func load<T: MatrixScalar>(
        images imagesPath: String, labels labelsPath: String, as type: T.Type = T.self
    ) throws(FormatError) -> (images: Matrix<T>, labels: [Int]) {
        let images = try IDXFile.read(path: imagesPath)
        let labels = try IDXFile.read(path: labelsPath)
        return try combine(images: images, labels: labels, imagesFile: imagesPath, labelsFile: labelsPath)
    }

    /// Combines decoded image and label arrays; see ``load(images:labels:as:)``. Images of any
    /// IDX type are read: uint8 pixels divided by 255 (MNIST's), other types (int8, int16,
    /// int32, float32, float64) as their values. Labels are whole numbers of an integer type.
    static func combine<T: MatrixScalar>(
        images: NpyArray, labels: NpyArray, imagesFile: String, labelsFile: String
    ) throws(FormatError) -> (images: Matrix<T>, labels: [Int]) {
        guard images.shape.count == 3 else {
            throw FormatError(.mismatch, file: imagesFile, expected: "images of shape (m, rows, columns)",
                              found: "\(images.dtype.name) of shape \(NpyArray.describe(images.shape))")
        }
        guard !labels.dtype.isFloatingPoint, labels.shape.count == 1 else {
            throw FormatError(.mismatch, file: labelsFile, expected: "integer labels of shape (m,)",
                              found: "\(labels.dtype.name) of shape \(NpyArray.describe(labels.shape))")
        }
        let count = images.shape[0], features = images.shape[1] * images.shape[2]
        guard labels.shape[0] == count else {
            throw FormatError(.mismatch, file: labelsFile, expected: "\(count) labels, one per image of \(imagesFile)",
                              found: "\(labels.shape[0]) labels")
        }
        let isPixels = images.dtype == .uint8
        try ArrayPair<T>.checkBudget(
            file: imagesFile, names: (fileName(imagesFile), fileName(labelsFile)),
            x: .init(shape: images.shape, elementSize: images.dtype.itemSize, isPixels: isPixels),
            y: .init(shape: labels.shape, elementSize: labels.dtype.itemSize, isPixels: false),
            scalarSize: MemoryLayout<T>.stride)
        let classes = labels.values(as: Double.self)
        try Dataset<T>.checkClassLabels(classes, file: labelsFile, name: "the labels")
        return (isPixels ? PixelScaling.columns(images.data, examples: count, features: features, as: T.self)
                         : columns(images.values(as: T.self), examples: count, features: features),
                classes.map { Int($0) })
    }

    /// (m, features) row-major values → the (features, m) matrix whose column i is example i.
    private static func columns<T: MatrixScalar>(_ values: [T], examples m: Int, features n: Int) -> Matrix<T> {
        var result = Matrix<T>(rows: n, columns: m)
        Matrix.transpose(Matrix(rows: m, columns: n, elements: values), into: &result)
        return result
    }
}
