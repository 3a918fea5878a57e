import Testing
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
}
