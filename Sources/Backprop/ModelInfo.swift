/// What a model file keeps beside the weights, so that `backprop predict` needs nothing else:
/// class names, the input's shape and scaling, the training settings and the final metrics.
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
    /// The feature scaling fitted on the training data (`--standardize` or `--min-max`) and
    /// applied to every input before the first layer; nil when the model was trained unscaled.
    /// Saved as the `scaler.kind`, `scaler.offsets` and `scaler.scales` metadata keys.
    public var scaler: FeatureScaler?
    /// The training settings (`learning_rate`, `iterations`, `seed`, `init`, `optimizer`, ...),
    /// as text, for the record.
    public var training: [String: String]
    /// Final metrics (`train_accuracy`, `test_accuracy`, `final_cost`, ...), as text.
    public var metrics: [String: String]

    /// Information for a model file; every field is optional.
    public init(
        classNames: [String] = [], inputShape: [Int]? = nil, scaler: FeatureScaler? = nil,
        training: [String: String] = [:], metrics: [String: String] = [:]
    ) {
        self.classNames = classNames
        self.inputShape = inputShape
        self.scaler = scaler
        self.training = training
        self.metrics = metrics
    }

    /// The name of class `index`: ``classNames``[index] when present, else the index as text.
    public func className(_ index: Int) -> String {
        classNames.indices.contains(index) ? classNames[index] : String(index)
    }
}
