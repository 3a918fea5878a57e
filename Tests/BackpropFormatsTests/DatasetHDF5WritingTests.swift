import BackpropTestSupport
import Testing
import BackpropMatrix
import BackpropHDF5
@testable import BackpropFormats

/// `Dataset.write(to: "….h5")`: the course's layout, uint8 only for images that are pixels.
@Suite struct DatasetHDF5WritingTests {
    @Test func imagesOfPixelsAreWrittenAsUInt8() throws {
        let bytes: [UInt8] = [0, 255, 1, 128, 37, 254, 9, 10, 200, 3, 4, 5]  // 2 images of 1×2×3
        let x = PixelScaling.columns(bytes, examples: 2, features: 6, as: Double.self)
        let data = Dataset(X: x, classIndices: [1, 0], classNames: ["non-cat", "cat"], inputShape: [1, 2, 3], source: "test")
        let path = ScratchFolder.path("pixels.h5")
        try data.write(to: path)
        let file = try HDF5File(path: path)
        let images = try file.dataset(at: "train_set_x")
        #expect(images.datatype == .integer(size: 1, signed: false, bigEndian: false))
        #expect(images.shape == [2, 1, 2, 3])
        #expect(try images.readRaw().bytes == bytes)
        #expect(try file.dataset(at: "train_set_y").readInt64() == [1, 0])
        #expect(try file.dataset(at: "train_set_y").datatype == .integer(size: 8, signed: true, bigEndian: false))
        #expect(try file.dataset(at: "list_classes").readStrings() == ["non-cat", "cat"])
        #expect(try file.dataset(at: "list_classes").datatype == .fixedString(length: 7, padding: .nullPadded, utf8: false))
        #expect(try Dataset<Double>.load(path: path).X == x)
    }

    @Test func otherFeaturesAreWrittenInTheScalarsFloatType() throws {
        // An image whose values are not all b / 255 (standardized, say) stays float.
        let image = Dataset(X: Matrix<Double>([[0.5], [1.0 / 255]]), classIndices: [0], classNames: ["a"], inputShape: [2, 1], source: "test")
        let path = ScratchFolder.path("image-floats.h5")
        try image.write(to: path)
        let x = try HDF5File(path: path).dataset(at: "train_set_x")
        #expect(x.datatype == .float(size: 8, bigEndian: false) && x.shape == [1, 2, 1])
        #expect(try x.read(as: Double.self).values == [0.5, 1.0 / 255])

        // Pixel values without an image shape are features: (m, n) floats, Float → float32.
        let features = Dataset(X: Matrix<Float>([[0, 1], [1, 0], [0, 0]]), labels: nil, source: "test")
        let floats = ScratchFolder.path("features.h5")
        try features.write(to: floats)
        let file = try HDF5File(path: floats)
        let stored = try file.dataset(at: "train_set_x")
        #expect(stored.datatype == .float(size: 4, bigEndian: false) && stored.shape == [2, 3])
        #expect(try stored.read(as: Float.self).values == [0, 1, 0, 1, 0, 0])
        #expect(try file.dataset(at: "train_set_y").readInt64() == [0, 0])
        #expect(try file.dataset(at: "list_classes").readStrings() == ["0"])
    }
}
