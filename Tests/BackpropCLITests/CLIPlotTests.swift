import Foundation
import Testing

/// The plots of every command that writes one: `--plot-size`, the default 2× PNG size, the
/// title and curves of `backprop plot LOG`.
struct CLIPlotTests {
    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ path: String) throws -> (width: Int, height: Int) {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try #require(bytes.count > 24 && bytes[12..<16].elementsEqual(Array("IHDR".utf8)))
        func be32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    /// The text content of the `<text>` elements of an SVG file (entities left as they are).
    static func svgTexts(_ path: String) throws -> [String] {
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        return svg.components(separatedBy: "<text").dropFirst().compactMap { part in
            guard let start = part.firstIndex(of: ">"), let end = part.range(of: "</text>") else { return nil }
            return String(part[part.index(after: start)..<end.lowerBound])
        }
    }

    @Test func plotSizeSetsEveryPlotAndTheDefaultIsTwiceTheOldSize() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let common = ["train", "--data", "flower", "--layers", "2,4,1", "--iterations", "30", "--no-save", "--quiet",
                      "--plot", "cost.png", "--boundary", "boundary.png", "--log", "l.jsonl"]
        let sized = try cli.run(withArguments: common + ["--plot-size", "800x600"])
        #expect(sized.status == 0, "\(sized.stderr)")
        #expect(try Self.pngSize(cli.path("cost.png")) == (800, 600))
        #expect(try Self.pngSize(cli.path("boundary.png")) == (800, 600))
        let plain = try cli.run(withArguments: common)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(try Self.pngSize(cli.path("cost.png")) == (1280, 960))
        #expect(try Self.pngSize(cli.path("boundary.png")) == (1120, 960))
        let plot = try cli.run("plot", "l.jsonl", "--to", "p.png", "--plot-size", "640X480")
        #expect(plot.status == 0, "\(plot.stderr)")
        #expect(try Self.pngSize(cli.path("p.png")) == (640, 480))
        _ = try cli.run("train", "--data", "flower", "--layers", "2,4,1", "--iterations", "5", "--no-plot", "--quiet", "--save", "m.safetensors")
        let evaluate = try cli.run("evaluate", "--model", "m.safetensors", "--data", "flower", "--boundary", "b.png", "--plot-size", "300x200")
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        #expect(try Self.pngSize(cli.path("b.png")) == (300, 200))
    }

    @Test(arguments: ["800", "0x600", "800x0", "9000x600", "800x99999999999999999999", "axb", "800x600x2", "-800x600", " 800x600", ""])
    func aBadPlotSizeIsAUsageErrorBeforeAnythingRuns(size: String) throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        for arguments in [["train", "--data", "flower", "--iterations", "5", "--no-save", "--plot", "c.png"],
                          ["plot", "missing.jsonl", "--to", "c.png"],
                          ["evaluate", "--model", "missing.safetensors", "--data", "flower", "--boundary", "c.png"]] {
            let result = try cli.run(withArguments: arguments + ["--plot-size", size])
            #expect(result.status == 2, "\(arguments[0]) --plot-size '\(size)': \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.filter { $0.hasPrefix("error:") }.count == 1, "\(result.stderr)")
            #expect(lines.first?.contains("--plot-size") == true, "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cli.path("c.png")))
        }
    }

    @Test func plotOfALogIsTitledWithTheRunsSettingsLikeTrainPlot() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let train = try cli.run("train", "--data", "flower", "--layers", "2,4,1", "--optimizer", "gd", "--learning-rate", "0.05",
                                "--iterations", "30", "--no-save", "--quiet", "--plot", "train.svg", "--log", "l.jsonl")
        #expect(train.status == 0, "\(train.stderr)")
        let plot = try cli.run("plot", "l.jsonl", "--to", "plot.svg")
        #expect(plot.status == 0, "\(plot.stderr)")
        let title = "Cost, learning rate 0.05 (gd)"
        #expect(try Self.svgTexts(cli.path("train.svg")).contains(title))
        #expect(try Self.svgTexts(cli.path("plot.svg")).contains(title))
        // A log written before logs carried settings still plots, titled "Cost".
        let lines = try String(contentsOfFile: cli.path("l.jsonl"), encoding: .utf8).split(separator: "\n")
        let old = lines.filter { !$0.contains(#""event":"start""#) && !$0.contains(#""event":"test""#) }.joined(separator: "\n")
        try old.write(toFile: cli.path("old.jsonl"), atomically: true, encoding: .utf8)
        let oldPlot = try cli.run("plot", "old.jsonl", "--to", "old.svg")
        #expect(oldPlot.status == 0, "\(oldPlot.stderr)")
        #expect(try Self.svgTexts(cli.path("old.svg")).contains("Cost"))
    }

    @Test func miniBatchCostsAreSmoothedAndTheTestCostIsDrawnWithALegend() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let train = try cli.run("train", "--data", "spirals", "--epochs", "20", "--batch-size", "32", "--no-save", "--quiet",
                                "--plot", "train.svg", "--log", "l.jsonl")
        #expect(train.status == 0, "\(train.stderr)")
        let log = try String(contentsOfFile: cli.path("l.jsonl"), encoding: .utf8)
        #expect(log.components(separatedBy: #""event":"test""#).count - 1 == 20)  // one test cost per epoch
        #expect(log.contains(#""batch_size":"32""#) && log.contains(#""layers":"2,32,16,3""#))
        let plot = try cli.run("plot", "l.jsonl", "--to", "plot.svg")
        #expect(plot.status == 0, "\(plot.stderr)")
        #expect(plot.stdout.contains("200 costs, 20 test costs"))
        for file in ["train.svg", "plot.svg"] {
            let texts = try Self.svgTexts(cli.path(file))
            for name in ["train, per batch", "train, smoothed", "test", "Cost, learning rate 0.01 (adam, batch 32)"] {
                #expect(texts.contains(name), "\(file): \(name)")
            }
        }
        // Full-batch training without held-out data: one curve, no legend.
        let csv = (0..<20).map { i in "\(Double(i) / 10),\(i % 2)" }.joined(separator: "\n")
        try ("x,y\n" + csv + "\n").write(toFile: cli.path("d.csv"), atomically: true, encoding: .utf8)
        let single = try cli.run("train", "--data", "d.csv", "--label-column", "y", "--layers", "1,2,1", "--iterations", "20",
                                 "--no-save", "--quiet", "--plot", "single.svg")
        #expect(single.status == 0, "\(single.stderr)")
        let texts = try Self.svgTexts(cli.path("single.svg"))
        #expect(!texts.contains("train") && !texts.contains("test"))
    }
}
