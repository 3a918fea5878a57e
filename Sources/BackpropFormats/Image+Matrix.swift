import BackpropMatrix
import BackpropIO

extension Image {
    /// The image as one example in course orientation: a (height·width·channels, 1) column in
    /// row, column, channel order, scaled to [0, 1]. This is the course's
    /// `image.reshape((num_px * num_px * 3, 1)) / 255`.
    public func column<T: MatrixScalar>(as type: T.Type = T.self) -> Matrix<T> {
        switch pixels {
        case .uint8(let samples): Matrix(rows: samples.count, columns: 1, elements: samples.map { T($0) / 255 })
        case .float(let samples): Matrix(rows: samples.count, columns: 1, elements: samples.map { T($0) })
        }
    }
}
