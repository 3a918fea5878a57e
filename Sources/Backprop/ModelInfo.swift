/// What a model file keeps beside the weights, so that `backprop predict` needs nothing else:
/// class names, the input's shape and normalisation, the training settings and the final metrics.
///
/// Every field is saved in the safetensors `__metadata__` map (see ``ModelFile``).
public struct ModelInfo: Sendable, Equatable {
    /// The name of each class, index 0 first (for one sigmoid output: the names of 0 and 1).
    /// Empty when unknown; predictions then print the class index.
    public var classNames: [String]
    /// The shape of one example before flattening, for image models (height, width, channels):
    /// `[64, 64, 3]` for the course's cat images. `nil` for plain feature vectors. `backprop
    /// predict` resizes an image to this shape and scales its 8-bit pixels to [0, 1].
    public var inputShape: [Int]?
    /// The per-feature normalisation applied before the first layer, if any.
    public var normalization: FeatureNormalization?
    /// The training settings (`learning_rate`, `iterations`, `seed`, `init`, `optimizer`, ...),
    /// as text, for the record.
    public var training: [String: String]
    /// Final metrics (`train_accuracy`, `test_accuracy`, `final_cost`, ...), as text.
    public var metrics: [String: String]

    /// Information for a model file; every field is optional.
    public init(
        classNames: [String] = [], inputShape: [Int]? = nil, normalization: FeatureNormalization? = nil,
        training: [String: String] = [:], metrics: [String: String] = [:]
    ) {
        self.classNames = classNames
        self.inputShape = inputShape
        self.normalization = normalization
        self.training = training
        self.metrics = metrics
    }

    /// The name of class `index`: ``classNames``[index] when present, else the index as text.
    public func className(_ index: Int) -> String {
        classNames.indices.contains(index) ? classNames[index] : String(index)
    }
}

/// A per-feature affine normalisation x' = (x − shift) / scale, computed on the training set
/// (standardisation: shift = mean, scale = standard deviation; min-max: shift = min, scale =
/// max − min) and applied unchanged at prediction time.
///
/// `shift` and `scale` hold one value per feature (n_0), or a single value for all features.
public struct FeatureNormalization: Sendable, Equatable {
    /// Subtracted from each feature.
    public var shift: [Double]
    /// Each shifted feature is divided by this (never 0: constant features use 1).
    public var scale: [Double]

    /// A normalisation; `shift` and `scale` have the same length (1 or n_0).
    public init(shift: [Double], scale: [Double]) {
        precondition(shift.count == scale.count, "FeatureNormalization: \(shift.count) shifts, \(scale.count) scales")
        self.shift = shift
        self.scale = scale
    }

    /// Standardisation from the rows of X (n_0, m): shift = row mean, scale = row standard
    /// deviation (population, 1 where it is 0).
    public static func standardizing<T: MatrixScalar>(_ X: Matrix<T>) -> FeatureNormalization {
        var shift = [Double](repeating: 0, count: X.rows)
        var scale = [Double](repeating: 1, count: X.rows)
        guard X.columns > 0 else { return FeatureNormalization(shift: shift, scale: scale) }
        for r in 0..<X.rows {
            var sum = 0.0
            for c in 0..<X.columns { sum += Double(X[r, c]) }
            let mean = sum / Double(X.columns)
            var squares = 0.0
            for c in 0..<X.columns { squares += (Double(X[r, c]) - mean) * (Double(X[r, c]) - mean) }
            let deviation = (squares / Double(X.columns)).squareRoot()
            shift[r] = mean
            scale[r] = deviation > 0 ? deviation : 1
        }
        return FeatureNormalization(shift: shift, scale: scale)
    }

    /// X normalised: each row r becomes (X[r] − shift[r]) / scale[r].
    ///
    /// Precondition: shift has 1 or X.rows entries.
    public func apply<T: MatrixScalar>(to X: Matrix<T>) -> Matrix<T> {
        precondition(shift.count == 1 || shift.count == X.rows,
                     "FeatureNormalization: \(shift.count) features for X (\(X.rows), \(X.columns))")
        var result = X
        for r in 0..<X.rows {
            let s = shift.count == 1 ? shift[0] : shift[r]
            let d = scale.count == 1 ? scale[0] : scale[r]
            for c in 0..<X.columns { result[r, c] = T((Double(X[r, c]) - s) / d) }
        }
        return result
    }
}
