import BackpropMatrix

extension Dataset {
    /// The course's "cat vs non-cat" images (DeepLearning.AI, "Deep Neural Network -
    /// Application"): the training and test sets of `train_catvnoncat.h5` and
    /// `test_catvnoncat.h5`, read by ``loadHDF5(path:x:y:part:)``.
    ///
    /// Each 64×64 RGB image becomes one column of X, its pixels in row, column, channel order
    /// and divided by 255 exactly as the course's
    /// `train_x = train_set_x_orig.reshape(m, -1).T / 255` (in `Double`, then converted to
    /// `Scalar`; `PixelScaling`), so the course's costs and accuracies come out bit for bit:
    ///
    /// - `train`: X (12288, 209), labels (1, 209), 72 cats;
    /// - `test`: X (12288, 50), labels (1, 50), 33 cats;
    /// - class names `["non-cat", "cat"]`, input shape (64, 64, 3).
    ///
    /// Course: `load_data()` and the flattening and scaling that follow it.
    ///
    ///     let cats = try Dataset<Double>.catImages(folder: "../shared/data")
    ///     let (parameters, costs) = try lLayerModel(X: cats.train.X, Y: cats.train.labels!, layerDims: [12288, 20, 7, 5, 1])
    ///
    /// - Parameters:
    ///   - trainFile: the path of `train_catvnoncat.h5` (datasets `train_set_x`, `train_set_y`).
    ///   - testFile: the path of `test_catvnoncat.h5` (datasets `test_set_x`, `test_set_y`).
    /// - Throws: ``FormatError``: `.unreadable` naming a file that is missing, `.mismatch` when
    ///   a dataset is missing or has an unexpected shape, or any error reading the files.
    public static func catImages(trainFile: String, testFile: String) throws(FormatError) -> (train: Dataset, test: Dataset) {
        let train = try loadHDF5(path: trainFile, x: "train_set_x", y: "train_set_y")
        let test = try loadHDF5(path: testFile, x: "test_set_x", y: "test_set_y")
        return (train, test)
    }

    /// The course's cat images from the two files in `folder`; see
    /// ``catImages(trainFile:testFile:)``.
    ///
    /// - Throws: as ``catImages(trainFile:testFile:)``.
    public static func catImages(folder: String) throws(FormatError) -> (train: Dataset, test: Dataset) {
        try catImages(trainFile: FileAccess.join(folder, catImageFiles.train), testFile: FileAccess.join(folder, catImageFiles.test))
    }

    /// The course's file names: `train_catvnoncat.h5` and `test_catvnoncat.h5`.
    public static var catImageFiles: (train: String, test: String) { ("train_catvnoncat.h5", "test_catvnoncat.h5") }
}
