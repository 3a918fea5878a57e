/// The costs a run recorded, as `backprop train --plot` and `backprop plot` draw them.
public struct CostHistory: Sendable {
    /// The training cost of every recorded iteration, in order (each before its update).
    public var train: [(iteration: Int, cost: Double)]
    /// The cost on the held-out (test) data after `iteration` updates, where evaluated.
    public var test: [(iteration: Int, cost: Double)]
    /// Whether each training cost is one mini-batch's (noisy), rather than the whole set's.
    public var perBatch: Bool

    /// A history.
    public init(train: [(iteration: Int, cost: Double)], test: [(iteration: Int, cost: Double)] = [], perBatch: Bool = false) {
        self.train = train
        self.test = test
        self.perBatch = perBatch
    }
}

/// The cost-curve plot of `backprop train --plot` and `backprop plot`.
public enum CostPlot {
    /// Writes the cost curve to `path` (`.svg` or `.png`, by extension).
    ///
    /// Per-batch costs are drawn faint and thin under their smoothed curve
    /// (`Smoothing.exponentialMovingAverage(_:weight:)`, TensorBoard's rule, with
    /// the weight `Smoothing.weight(forCount:)`); the test cost, when there is one,
    /// is a second curve; a legend names the curves when there is more than one.
    ///
    /// - Parameters:
    ///   - history: the recorded costs.
    ///   - title: the chart title (see ``title(settings:)``).
    ///   - logScale: a log-10 cost axis (`nil`: chosen when the costs span more than a factor 20).
    ///   - size: the picture's size; nil: 1280 × 960 for PNG, 640 × 480 for SVG.
    ///   - path: the file to write, `.png` or `.svg`.
    /// - Throws: ``BackpropError`` `.badInput` for another extension or no points, `.io` when
    ///   the file cannot be written.
    public static func write(_ history: CostHistory, title: String, logScale: Bool? = nil, size: PlotSize? = nil,
                             to path: String) throws(BackpropError) {
        let chart = try chart(history, title: title, logScale: logScale)
        do { try chart.write(to: path, size: size) } catch { throw BackpropError(error) }
    }

    /// The chart ``write(_:title:logScale:size:to:)`` draws.
    ///
    /// - Throws: ``BackpropError`` `.badInput` when there is no finite training cost.
    public static func chart(_ history: CostHistory, title: String, logScale: Bool? = nil) throws(BackpropError) -> LineChart {
        let train = history.train.filter { $0.cost.isFinite }, test = history.test.filter { $0.cost.isFinite }
        guard !train.isEmpty else {
            throw BackpropError(.badInput, "no finite costs to plot", hint: "train for at least one iteration")
        }
        let costs = (train + test).map(\.cost)
        let low = costs.min() ?? 1, high = costs.max() ?? 1
        let useLog = low > 0 && (logScale ?? (high / max(low, .leastNormalMagnitude) > 20))
        let x = train.map { Double($0.iteration) }, y = train.map(\.cost)
        var series: [LineChart.Series] = []
        if history.perBatch && train.count > 1 {
            let weight = Smoothing.weight(forCount: train.count)
            series.append(.init(name: "train, per batch", x: x, y: y, color: PlotColor.categorical(0).withAlpha(80), lineWidthScale: 0.5))
            series.append(.init(name: "train, smoothed", x: x, y: Smoothing.exponentialMovingAverage(y, weight: weight),
                                color: .categorical(0)))
        } else {
            series.append(.init(name: "train", x: x, y: y, color: .categorical(0)))
        }
        if !test.isEmpty {
            series.append(.init(name: "test", x: test.map { Double($0.iteration) }, y: test.map(\.cost), color: .categorical(1),
                                showsMarkers: test.count <= 30))
        }
        return LineChart(title: title, xLabel: "iterations", yLabel: "cost", series: series, logScaleY: useLog)
    }

    /// The title of a run's cost plot: `Cost, learning rate 0.01 (adam, batch 32)`, from the
    /// settings a model or a log records (``TrainingConfiguration/record(_:)``); `Cost` when
    /// they do not give the learning rate (a log written before logs carried settings).
    public static func title(settings: [String: String]) -> String {
        guard let rate = settings["learning_rate"] else { return "Cost" }
        let details = [settings["optimizer"], settings["batch_size"].map { "batch \($0)" }].compactMap { $0 }
        return "Cost, learning rate \(rate)" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
    }
}
