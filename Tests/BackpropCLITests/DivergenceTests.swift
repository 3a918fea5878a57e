import Foundation
import Testing
import Backprop

/// A run whose cost becomes NaN or infinite (here: learning rate 10⁶) stops with exit status 5
/// (distinct from bad input, 1), one `error:` line naming the iteration and the layer, a hint
/// to lower the learning rate, and leaves the last good checkpoint and the previous model file
/// as they were.
struct DivergenceTests {
    @Test(.timeLimit(.minutes(10)))
    func divergingRunStopsWithStatus5NamingIterationAndLayerAndKeepsTheLastGoodFiles() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let common = ["train", "--data", "flower", "--layers", "2,8,1", "--hidden-activation", "relu", "--optimizer", "gd",
                      "--iterations", "200", "--seed", "3", "--checkpoint-every", "1", "--checkpoint", "ck.safetensors",
                      "--save", "model.safetensors", "--no-plot", "--quiet"]
        // A sane run first: the "previous" model file.
        let good = try cli.run(withArguments: common + ["--learning-rate", "0.1"])
        try #require(good.status == 0, "\(good.stderr)")
        let previousModel = try Data(contentsOf: URL(fileURLWithPath: cli.path("model.safetensors")))
        try FileManager.default.removeItem(atPath: cli.path("ck.safetensors"))

        let result = try cli.run(withArguments: common + ["--learning-rate", "1e6"])
        #expect(result.status == BackpropError.Category.divergence.exitCode)
        #expect(result.status != BackpropError.Category.badInput.exitCode)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let error = try #require(lines.first)
        #expect(error.hasPrefix("error: training diverged: "), "\(result.stderr)")
        let match = try #require(error.firstMatch(of: /of layer (\d+) is not finite at iteration (\d+)/), "\(error)")
        let layer = try #require(Int(match.1)), iteration = try #require(Int(match.2))
        #expect((1...2).contains(layer))
        #expect(lines.count == 2 && lines[1].hasPrefix("hint: ") && lines[1].contains("--learning-rate"), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))

        // The model file of the earlier run is untouched: a diverged run saves nothing.
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("model.safetensors"))) == previousModel)
        // The last checkpoint holds the parameters before the failing iteration, all finite
        // (ModelFile refuses non-finite parameters), and resuming from it is possible.
        if iteration > 0 {
            let checkpoint = try SafeTensorsFile.read(cli.path("ck.safetensors"))
            _ = try ModelFile.decode(checkpoint, file: "ck.safetensors")
            #expect(checkpoint.metadata["checkpoint.iteration"] == String(iteration))
            let resumed = try cli.run(withArguments: common + ["--learning-rate", "1e6", "--resume", "ck.safetensors"])
            #expect(resumed.status == 5, "\(resumed.stderr)")
            #expect(resumed.stderr.contains("at iteration \(iteration)"), "\(resumed.stderr)")
        } else {
            #expect(!FileManager.default.fileExists(atPath: cli.path("ck.safetensors")))
        }
    }

    /// Divergence and bad input are told apart by the exit status alone.
    @Test func badInputIsStatus1NotDivergence() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run("train", "--data", "flower", "--learning-rate=-1", "--iterations", "5", "--no-save", "--no-plot")
        #expect(result.status == BackpropError.Category.badInput.exitCode, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: --learning-rate -1.0: expected a finite number above 0"), "\(result.stderr)")
    }
}
