import Backprop

/// The course's cat pictures from `folder` (train_catvnoncat.h5 and test_catvnoncat.h5):
/// X (12288, m), one 64 × 64 RGB picture per column with its pixels divided by 255, and
/// labels (1, m), 1 for a cat.
func loadCats(folder: String) throws -> (train: Dataset<Double>, test: Dataset<Double>) {
    let cats = try Dataset<Double>.catImages(folder: folder)
    print("train X \(cats.train.X.shape), test X \(cats.test.X.shape)")
    return cats
}
