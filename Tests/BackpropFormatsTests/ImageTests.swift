import Testing
import BackpropMatrix
@testable import BackpropFormats

/// BackpropFormats on the shared Image: course column, resizing, reading image files.
@Suite struct ImageTests {
    @Test func columnIsRowColumnChannelScaled() {
        let image = Image(width: 2, height: 1, channels: 3, samples: [255, 0, 51, 102, 204, 0])
        let column: Matrix<Double> = image.column()
        #expect(column.shape == (6, 1))
        #expect(column.elements == [1, 0, 0.2, 0.4, 0.8, 0])
    }

    @Test func areaResizeAveragesBlocks() {
        // 4×2 gray → 2×1: each output is the mean of a 2×2 block.
        let image = Image(width: 4, height: 2, channels: 1, samples: [0, 10, 100, 200, 20, 30, 50, 50])
        #expect(image.resized(width: 2, height: 1, method: .area).uint8Samples == [15, 100])
        // 3 → 2 columns: the middle pixel is split half and half (weights 2/3, 1/3).
        let row = Image(width: 3, height: 1, channels: 1, pixels: .float([0, 0.3, 0.9]))
        guard case .float(let values) = row.resized(width: 2, height: 1, method: .area).pixels else { Issue.record("float"); return }
        #expect(abs(values[0] - 0.1) < 1e-6 && abs(values[1] - 0.7) < 1e-6)
    }

    @Test func bilinearResizeInterpolatesCentres() {
        // 2 → 4 columns: centres at -0.25, 0.25, 0.75, 1.25 of the source, clamped at the borders.
        let row = Image(width: 2, height: 1, channels: 1, pixels: .float([0, 1]))
        guard case .float(let values) = row.resized(width: 4, height: 1, method: .bilinear).pixels else { Issue.record("float"); return }
        #expect(values == [0, 0.25, 0.75, 1])
        let same = Image(width: 3, height: 2, channels: 3, samples: [UInt8](0..<18))
        #expect(same.resized(width: 3, height: 2, method: .bilinear) == same)
    }

    @Test func coursesOwnImagePipeline() throws {
        let image = try ImageFile.read(path: Fixtures.path("jpeg/baseline_420.jpg"))
            .converted(toChannels: 3).resized(width: 64, height: 64)
        let x: Matrix<Float> = image.column()
        #expect(x.shape == (12288, 1))
        #expect(x.min() >= 0 && x.max() <= 1)
        #expect(throws: FormatError.self) { try ImageFile.read(bytes: [1, 2, 3]) }
    }
}
