import Backprop

/// A square grid of values over [−6, 6]², row 0 at the top (x₂ = +6), each value quantised to
/// a byte: 0 ↔ −1, 255 ↔ +1 (values beyond ±1 saturate).
public struct HeatMap: Sendable, Equatable {
    /// Cells per side.
    public var size: Int
    /// size × size bytes, row by row.
    public var bytes: [UInt8]

    /// The byte of a value: round((clamp(v, −1, 1) + 1) · 127.5).
    static func byte(_ v: Double) -> UInt8 {
        guard v.isFinite else { return 128 }
        return UInt8(((min(max(v, -1), 1) + 1) * 127.5).rounded())
    }
}

extension PlaygroundModel {
    /// The cells per side of the output's heat map and of each neuron's.
    public static let outputGridSize = 48, neuronGridSize = 16

    /// The features of a size × size grid (the cached ones for the usual sizes).
    func gridFeatures(size: Int) -> Matrix<Double> {
        switch size {
        case Self.outputGridSize: outputGridX
        case Self.neuronGridSize: neuronGridX
        default: InputFeature.matrix(settings.features, of: Self.gridPoints(size: size))
        }
    }

    /// The grid's points, (2, size²): column r·size + c is the centre of cell (r, c).
    static func gridPoints(size: Int) -> Matrix<Double> {
        let e = PlaygroundDataSet.extent, cell = 2 * e / Double(size)
        return Matrix(rows: 2, columns: size * size) { k, j in
            k == 0 ? -e + (Double(j % size) + 0.5) * cell : e - (Double(j / size) + 0.5) * cell
        }
    }

    /// The network's output over the grid: for classification 2·P(class 1) − 1, for
    /// regression the output value.
    public func outputHeatMap(size: Int) -> HeatMap {
        let output = network.predictProbabilities(gridFeatures(size: size))
        let row = output.rows - 1
        return HeatMap(size: size, bytes: (0..<output.columns).map { j in
            HeatMap.byte(settings.dataSet.isClassification ? 2 * output[row, j] - 1 : output[row, j])
        })
    }

    /// What every neuron computes over the grid: the input features first (scaled by 1/6, or
    /// 1/36 for products and squares, as they are shown), then A(l) of every hidden layer, from
    /// the caches of one forward pass (``modelForward(X:parameters:activations:dropout:)``).
    public func neuronHeatMaps(size: Int) -> [[HeatMap]] {
        let X = gridFeatures(size: size)
        let (_, caches) = network.forward(X)
        let inputs = settings.features.enumerated().map { k, feature in
            HeatMap(size: size, bytes: (0..<X.columns).map { HeatMap.byte(X[k, $0] / feature.displayScale) })
        }
        let hidden = caches.dropFirst().map { cache in
            (0..<cache.linear.A.rows).map { n in HeatMap(size: size, bytes: (0..<X.columns).map { HeatMap.byte(cache.linear.A[n, $0]) }) }
        }
        return [inputs] + hidden
    }
}

extension InputFeature {
    /// The scale that brings the feature into about [−1, 1] on [−6, 6]² for display.
    var displayScale: Double {
        switch self {
        case .x1, .x2: 6
        case .x1Squared, .x2Squared, .x1x2: 36
        case .sinX1, .sinX2: 1
        }
    }
}
