import ArgumentParser
import Backprop

/// `--plot-size WIDTHxHEIGHT`, shared by every command that writes a plot.
struct PlotSizeArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Size of the plots, WIDTHxHEIGHT, each side 64 to 8192: pixels for .png, user units for .svg (default: PNG 1280x960, 1120x960 for a decision boundary; SVG half that).", valueName: "WxH"))
    var plotSize: String?

    /// Refuses a malformed size (usage, exit 2) before anything runs.
    func validate() throws {
        _ = try size()
    }

    /// The size given, nil when none.
    ///
    /// - Throws: ``BackpropError`` `.usage` (through ``ParsingProblem``) for text that is not
    ///   WIDTHxHEIGHT or a side outside 64...8192.
    func size() throws(BackpropError) -> PlotSize? {
        guard let plotSize else { return nil }
        guard let size = PlotSize(parsing: plotSize) else {
            throw ParsingProblem.failed(BackpropError(
                .usage, "--plot-size \(plotSize): expected WIDTHxHEIGHT with each side \(PlotSize.sides.lowerBound) to \(PlotSize.sides.upperBound), such as 800x600",
                hint: "omit --plot-size for the default size"))
        }
        return size
    }
}
