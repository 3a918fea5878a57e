import BackpropTestSupport
import Foundation
import Testing
import BackpropCompression
import BackpropMatrix
@testable import BackpropFormats

/// IDX/MNIST reading against files written byte by byte by the Python generator.
@Suite struct MNISTTests {
    static let entry = Fixtures.manifest.idx

    @Test(arguments: ["", ".gz"])
    func loadsImagesAndLabelsPlainOrGzip(suffix: String) throws {
        let entry = Self.entry
        let (images, labels) = try MNIST.load(
            images: Fixtures.path(entry.images + suffix), labels: Fixtures.path(entry.labels + suffix), as: Double.self)
        #expect(images.shape == (entry.rows * entry.columns, entry.count))
        #expect(labels == entry.label_values)
        let size = entry.rows * entry.columns
        for example in 0..<entry.count {
            for feature in 0..<size {
                #expect(images[feature, example] == Double(entry.pixels[example * size + feature]) / 255)
            }
        }
    }

    @Test func idxHeaderIsReadAsBigEndianArray() throws {
        let array = try IDXFile.read(path: Fixtures.path(Self.entry.images + ".gz"))
        #expect(array.shape == [5, 28, 28] && array.dtype == .uint8)
        let labels = try IDXFile.read(path: Fixtures.path(Self.entry.labels))
        #expect(try labels.integers() == Self.entry.label_values.map(Int64.init))
    }

    @Test func badIDXFilesAreRefused() throws {
        let good = try Fixtures.bytes(Self.entry.images)
        let truncated = try #require(throws: FormatError.self) { try IDXFile.read(bytes: Array(good.dropLast())) }
        #expect(truncated.reason == .truncated && truncated.location == .byte(16))
        #expect(throws: FormatError.self) { try IDXFile.read(bytes: good + [0]) }
        var magic = good
        magic[0] = 1
        #expect(throws: FormatError.self) { try IDXFile.read(bytes: magic) }
        var code = good
        code[2] = 0x07
        #expect(throws: FormatError.self) { try IDXFile.read(bytes: code) }
        // A dimension claiming 2^32 - 1 images: refused before any allocation.
        var huge = good
        huge[4...7] = [0xff, 0xff, 0xff, 0xff]
        #expect(throws: FormatError.self) { try IDXFile.read(bytes: huge) }
        #expect(throws: FormatError.self) { try IDXFile.read(bytes: Array(good.prefix(6))) }
        // Corrupt gzip.
        var gz = try Fixtures.bytes(Self.entry.images + ".gz")
        gz[gz.count - 6] ^= 0xff
        #expect(throws: FormatError.self) { try IDXFile.read(bytes: gz) }
    }

    @Test func mismatchedCountsAreRefused() throws {
        let images = try IDXFile.read(path: Fixtures.path(Self.entry.images))
        let labels = try NpyArray(shape: [4], dtype: .uint8, data: [1, 2, 3, 4])
        let error = try #require(throws: FormatError.self) {
            let _: (Matrix<Float>, [Int]) = try MNIST.combine(images: images, labels: labels, imagesFile: "i", labelsFile: "l")
        }
        #expect(error.reason == .mismatch && error.file == "l")
    }

    /// An IDX file of `shape` holding `values` as type `code`, big-endian (independent of the reader).
    static func idx(code: UInt8, shape: [Int], values: [Double]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, code, UInt8(shape.count)]
        for size in shape { bytes += withUnsafeBytes(of: UInt32(size).bigEndian, Array.init) }
        for value in values {
            switch code {
            case 0x08: bytes.append(UInt8(value))
            case 0x09: bytes.append(UInt8(bitPattern: Int8(value)))
            case 0x0B: bytes += withUnsafeBytes(of: Int16(value).bigEndian, Array.init)
            case 0x0C: bytes += withUnsafeBytes(of: Int32(value).bigEndian, Array.init)
            case 0x0D: bytes += withUnsafeBytes(of: Float(value).bitPattern.bigEndian, Array.init)
            default: bytes += withUnsafeBytes(of: value.bitPattern.bigEndian, Array.init)
            }
        }
        return bytes
    }

    /// Writes `images` and `labels` as `<stem>-images-idx3-ubyte` and `<stem>-labels-idx1-ubyte`
    /// (each with `.gz` when asked) in a fresh scratch folder; the images path.
    static func writePair(images: [UInt8], labels: [UInt8], gzipImages: Bool = false, gzipLabels: Bool = false) throws -> String {
        let folder = ScratchFolder.folder()
        let imagesPath = folder.appendingPathComponent("t-images-idx3-ubyte" + (gzipImages ? ".gz" : "")).path
        let labelsPath = folder.appendingPathComponent("t-labels-idx1-ubyte" + (gzipLabels ? ".gz" : "")).path
        try Data(gzipImages ? Gzip.compress(images) : images).write(to: URL(fileURLWithPath: imagesPath))
        try Data(gzipLabels ? Gzip.compress(labels) : labels).write(to: URL(fileURLWithPath: labelsPath))
        return imagesPath
    }

    /// Every IDX type is read for images: uint8 divided by 255 (MNIST's pixels), the others
    /// (int8, int16, int32, float32, float64) as their values; labels of any integer type.
    @Test(arguments: [UInt8(0x08), 0x09, 0x0B, 0x0C, 0x0D, 0x0E])
    func imagesOfEveryIDXTypeAreRead(code: UInt8) throws {
        let values: [Double] = (0..<12).map { Double($0 * 7 % 23) - (code == 0x08 ? 0 : 5) }  // 3 images of 2 × 2
        let labelCode: UInt8 = code == 0x08 ? 0x08 : 0x0B
        let path = try Self.writePair(images: Self.idx(code: code, shape: [3, 2, 2], values: values),
                                      labels: Self.idx(code: labelCode, shape: [3], values: [2, 0, 1]))
        let data = try Dataset<Double>.load(path: path)
        #expect(data.X.shape == (4, 3))
        #expect(data.classIndices == [2, 0, 1])
        for example in 0..<3 {
            for feature in 0..<4 {
                let expected = values[example * 4 + feature] / (code == 0x08 ? 255 : 1)
                #expect(data.X[feature, example] == expected)
            }
        }
    }

    @Test func negativeOrFractionalLabelsAreRefused() throws {
        let images = Self.idx(code: 0x08, shape: [2, 1, 1], values: [1, 2])
        let negative = try Self.writePair(images: images, labels: Self.idx(code: 0x09, shape: [2], values: [0, -1]))
        #expect(throws: FormatError.self) { try Dataset<Double>.load(path: negative) }
        let fractional = try Self.writePair(images: images, labels: Self.idx(code: 0x0D, shape: [2], values: [0, 1]))
        let error = try #require(throws: FormatError.self) { try Dataset<Double>.load(path: fractional) }
        #expect(error.reason == .mismatch && error.description.contains("integer labels"))
    }

    /// Gzipped images beside a plain labels file, and the reverse, are paired.
    @Test(arguments: [(true, false), (false, true)])
    func gzippedAndPlainFilesArePaired(gzipImages: Bool, gzipLabels: Bool) throws {
        let images = try Fixtures.bytes(Self.entry.images), labels = try Fixtures.bytes(Self.entry.labels)
        let path = try Self.writePair(images: images, labels: labels, gzipImages: gzipImages, gzipLabels: gzipLabels)
        let data = try Dataset<Double>.load(path: path)
        #expect(data.classIndices == Self.entry.label_values)
        #expect(data.count == Self.entry.count)
    }
}
