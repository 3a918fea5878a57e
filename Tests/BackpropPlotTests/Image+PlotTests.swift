@testable import BackpropPlot
import Testing

/// The plots' view of the shared Image: pixel colours for every channel count and sample type.
@Suite struct ImagePlotTests {
    @Test func colorsOfEachChannelCount() {
        #expect(Image(width: 1, height: 1, channels: 1, samples: [7]).color(x: 0, y: 0) == PlotColor(red: 7, green: 7, blue: 7))
        #expect(Image(width: 1, height: 1, channels: 2, samples: [7, 99]).color(x: 0, y: 0)
                == PlotColor(red: 7, green: 7, blue: 7, alpha: 99))
        let rgb = Image(width: 2, height: 1, channels: 3, samples: [1, 2, 3, 4, 5, 6])
        #expect(rgb.color(x: 1, y: 0) == PlotColor(red: 4, green: 5, blue: 6))
        let rgba = Image(width: 1, height: 2, channels: 4, samples: [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(rgba.color(x: 0, y: 1) == PlotColor(red: 5, green: 6, blue: 7, alpha: 8))
    }

    @Test func floatSamplesRoundToEightBits() {
        // 0.5·255 = 127.5 rounds to 128 (as Image.uint8Samples); 1.2 clamps to 255.
        let image = Image(width: 1, height: 1, channels: 3, pixels: .float([0, 0.5, 1.2]))
        #expect(image.color(x: 0, y: 0) == PlotColor(red: 0, green: 128, blue: 255))
    }

    @Test func pngDataIsTheWritersEncoding() {
        let image = Image(width: 2, height: 1, channels: 2, samples: [0, 255, 128, 64])
        #expect(image.pngData(level: 9) == PNGWriter.encode(image, level: 9))
    }
}
