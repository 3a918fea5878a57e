@testable import BackpropIO
import Testing

/// The shared Image: samples in both types, channel conversion (Pillow's numbers).
@Suite struct ImageTests {
    @Test func channelConversions() {
        let rgba = Image(width: 1, height: 1, channels: 4, samples: [200, 100, 50, 7])
        #expect(rgba.converted(toChannels: 3).uint8Samples == [200, 100, 50])
        // ITU-R 601 luma, as Pillow's convert("L"): 0.299·200 + 0.587·100 + 0.114·50 = 124.2
        #expect(rgba.converted(toChannels: 1).uint8Samples == [124])
        #expect(rgba.converted(toChannels: 2).uint8Samples == [124, 7])
        let gray = Image(width: 2, height: 1, channels: 1, samples: [9, 250])
        #expect(gray.converted(toChannels: 3).uint8Samples == [9, 9, 9, 250, 250, 250])
        #expect(gray.converted(toChannels: 4).uint8Samples == [9, 9, 9, 255, 250, 250, 250, 255])
    }

    @Test func conversionKeepsFloatSamples() {
        let gray = Image(width: 1, height: 1, channels: 1, pixels: .float([0.25]))
        #expect(gray.converted(toChannels: 2).pixels == .float([0.25, 1]))
    }

    @Test func samplesInBothTypes() {
        // 8-bit → float divides by 255; float → 8-bit rounds value·255 and clamps.
        let bytes = Image(width: 3, height: 1, channels: 1, samples: [0, 51, 255])
        #expect(bytes.floatSamples == [0, 0.2, 1])
        let floats = Image(width: 4, height: 1, channels: 1, pixels: .float([-0.5, 0.5, 0.999, 2]))
        #expect(floats.uint8Samples == [0, 128, 255, 255])
        #expect((0..<4).map(floats.uint8Sample(at:)) == floats.uint8Samples)
        #expect(bytes.uint8Sample(at: 1) == 51)
    }
}
