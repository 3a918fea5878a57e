import BackpropTestSupport
import Testing
import BackpropMatrix
@testable import BackpropFormats

/// Dataset → file → Dataset round trips (what `backprop convert` relies on).
@Suite struct DatasetWritingTests {
    @Test(arguments: ["npz", "csv", "h5", "hdf5"])
    func writeThenLoadGivesTheSameData(suffix: String) throws {
        let x = Matrix<Double>([[0.5, -1, 3e-7], [2, 0.1, 7]])
        let data = Dataset(X: x, classIndices: [1, 0, 2], classNames: ["0", "1", "2"], featureNames: suffix == "csv" ? ["a", "b"] : nil, source: "test")
        let path = ScratchFolder.path("data.\(suffix)")
        try data.write(to: path)
        let back = try Dataset<Double>.load(path: path)
        #expect(back.X == x)
        #expect(back.labels == data.labels && back.classNames == data.classNames)
        #expect(throws: FormatError.self) { try data.write(to: ScratchFolder.path("data.bin")) }
    }
}
