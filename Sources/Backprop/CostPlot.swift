/// The cost-curve plot of `backprop train --plot` and `backprop plot`.
public enum CostPlot {
    /// Writes the cost curve to `path` (`.svg` or `.png`, by extension).
    ///
    /// - Parameters:
    ///   - costs: (iteration, cost) points in order.
    ///   - title: the chart title.
    ///   - logScale: a log-10 cost axis (`nil`: chosen when the costs span more than a factor 20).
    /// - Throws: ``BackpropError`` `.badInput` for another extension or no points, `.io` when
    ///   the file cannot be written.
    public static func write(costs: [(iteration: Int, cost: Double)], title: String, logScale: Bool? = nil, to path: String) throws(BackpropError) {
        let points = costs.filter { $0.cost.isFinite }
        guard !points.isEmpty else {
            throw BackpropError(.badInput, "no finite costs to plot", hint: "train for at least one iteration")
        }
        let positive = points.allSatisfy { $0.cost > 0 }
        let low = points.map(\.cost).min() ?? 1, high = points.map(\.cost).max() ?? 1
        let useLog = positive && (logScale ?? (high / max(low, .leastNormalMagnitude) > 20))
        let chart = LineChart.costCurve(iterations: points.map(\.iteration), costs: points.map(\.cost), title: title, logScaleY: useLog)
        do { try chart.write(to: path) } catch { throw BackpropError(error) }
    }
}
