import Backprop

/// The share of `data`'s pictures whose prediction (AL > 0.5) is their label.
func accuracy(of parameters: Parameters<Double>, on data: Dataset<Double>) -> Double {
    let predictions = predict(X: data.X, parameters: parameters)
    return accuracy(predictions: predictions, labels: data.labels!)
}

/// Whether the model sees a cat in the picture at `path` (PNG or JPEG, any size): the picture
/// is resized to 64 × 64 while it is decoded and its pixels divided by 255, as the training
/// pictures were.
func isCat(pictureAt path: String, parameters: Parameters<Double>) throws -> Bool {
    let picture = try ImageFile.read(path: path, fitting: ImageShape(width: 64, height: 64, channels: 3))
    let x: Matrix<Double> = picture.column()
    return predict(X: x, parameters: parameters)[0, 0] == 1
}
