import BackpropMatrix

/// Per-feature scaling fitted on training data and kept for prediction time.
///
/// - Standardisation: x' = (x − μ) / σ, with μ and σ the mean and (population) standard
///   deviation of each feature (row) over the examples; σ = 0 is replaced by 1.
/// - Min-max scaling: x' = (x − min) / (max − min), mapping each feature to [0, 1];
///   max = min is replaced by a range of 1.
///
/// Both are x' = (x − offset) / scale per row. The statistics round-trip through a
/// `[String: String]` dictionary (``metadata``) for model files.
public struct FeatureScaler: Sendable, Equatable {
    /// The kind of scaling.
    public enum Kind: String, Sendable, CaseIterable {
        /// (x − mean) / standard deviation.
        case standardize
        /// (x − min) / (max − min).
        case minMax = "min-max"
    }

    /// The kind of scaling.
    public var kind: Kind
    /// What each feature has subtracted (mean or minimum), n_x values.
    public var offsets: [Double]
    /// What each feature is divided by (standard deviation or range), n_x values, never 0.
    public var scales: [Double]

    /// A scaler with known statistics.
    ///
    /// - Precondition: `offsets` and `scales` have the same count and no scale is 0.
    public init(kind: Kind, offsets: [Double], scales: [Double]) {
        precondition(offsets.count == scales.count, "FeatureScaler: \(offsets.count) offsets, \(scales.count) scales")
        precondition(!scales.contains(0), "FeatureScaler: a scale of 0")
        self.kind = kind
        self.offsets = offsets
        self.scales = scales
    }

    /// Fits the statistics of each row of `x` (n_x, m) over its m columns.
    ///
    /// - Precondition: `x` has at least one column.
    public init<T: MatrixScalar>(fitting x: Matrix<T>, kind: Kind) {
        precondition(x.columns > 0, "FeatureScaler: cannot fit X of shape (\(x.rows), 0)")
        var offsets: [Double] = [], scales: [Double] = []
        for row in 0..<x.rows {
            let values = (0..<x.columns).map { Double(x[row, $0]) }
            switch kind {
            case .standardize:
                let mean = values.reduce(0, +) / Double(values.count)
                let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
                offsets.append(mean)
                scales.append(variance > 0 ? variance.squareRoot() : 1)
            case .minMax:
                let low = values.min()!, high = values.max()!
                offsets.append(low)
                scales.append(high > low ? high - low : 1)
            }
        }
        self.init(kind: kind, offsets: offsets, scales: scales)
    }

    /// `x` (n_x, m) scaled: row j becomes (x_j − offset_j) / scale_j.
    ///
    /// - Precondition: `x.rows` equals the number of fitted features.
    public func transform<T: MatrixScalar>(_ x: Matrix<T>) -> Matrix<T> {
        precondition(x.rows == offsets.count, "FeatureScaler.transform: X has \(x.rows) features, fitted on \(offsets.count)")
        return Matrix(rows: x.rows, columns: x.columns) { row, column in
            T((Double(x[row, column]) - offsets[row]) / scales[row])
        }
    }

    /// The inverse of ``transform(_:)``: x = x' · scale + offset.
    public func inverseTransform<T: MatrixScalar>(_ x: Matrix<T>) -> Matrix<T> {
        precondition(x.rows == offsets.count, "FeatureScaler.inverseTransform: X has \(x.rows) features, fitted on \(offsets.count)")
        return Matrix(rows: x.rows, columns: x.columns) { row, column in
            T(Double(x[row, column]) * scales[row] + offsets[row])
        }
    }

    /// The statistics as text for a model file's metadata: keys `scaler.kind`,
    /// `scaler.offsets` and `scaler.scales` (comma-separated, shortest exact decimal form).
    public var metadata: [String: String] {
        [
            "scaler.kind": kind.rawValue,
            "scaler.offsets": offsets.map { "\($0)" }.joined(separator: ","),
            "scaler.scales": scales.map { "\($0)" }.joined(separator: ","),
        ]
    }

    /// Reads the statistics written by ``metadata``.
    ///
    /// - Returns: nil when the dictionary has no `scaler.kind` (the model was trained unscaled).
    /// - Throws: ``FormatError`` (file `"metadata"`) naming the key whose value is malformed.
    public init?(metadata: [String: String]) throws(FormatError) {
        guard let kindText = metadata["scaler.kind"] else { return nil }
        guard let kind = Kind(rawValue: kindText) else {
            throw FormatError(.invalid, file: "metadata", expected: "scaler.kind standardize or min-max", found: quoted(kindText))
        }
        func numbers(_ key: String) throws(FormatError) -> [Double] {
            let text = metadata[key] ?? ""
            let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Double(String($0)) }
            guard !text.isEmpty, values.allSatisfy({ $0 != nil && $0!.isFinite }) else {
                throw FormatError(.invalid, file: "metadata", expected: "\(key) as comma-separated numbers", found: quoted(text))
            }
            return values.map { $0! }
        }
        let offsets = try numbers("scaler.offsets"), scales = try numbers("scaler.scales")
        guard offsets.count == scales.count, !scales.contains(0) else {
            throw FormatError(.mismatch, file: "metadata", expected: "as many non-zero scales as offsets",
                              found: "\(offsets.count) offsets and \(scales.count) scales")
        }
        self.init(kind: kind, offsets: offsets, scales: scales)
    }
}
