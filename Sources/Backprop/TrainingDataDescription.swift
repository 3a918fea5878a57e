/// What resolving a training run (``TrainingConfiguration/resolve(trainingData:)``) needs to
/// know of its data, whether the features are in memory (`Dataset`) or streamed from disk
/// (`StreamedDataset`).
public protocol TrainingDataDescription {
    /// m, the number of examples.
    var count: Int { get }
    /// n, the features of one example.
    var featureCount: Int { get }
    /// The labels, (1, m) or (k, m), or nil.
    var trainingLabels: Matrix<Double>? { get }
    /// The classes the labels imply (`Dataset/classCount`).
    var classCount: Int { get }
    /// Whether the labels are (1, m) class indices.
    var hasClassLabels: Bool { get }
    /// The data's name in messages.
    var source: String { get }
}

extension Dataset: TrainingDataDescription where Scalar == Double {
    public var trainingLabels: Matrix<Double>? { labels }
}

extension StreamedDataset: TrainingDataDescription {
    public var trainingLabels: Matrix<Double>? { labels }
    public var classCount: Int { labelsOnly.classCount }
    public var hasClassLabels: Bool { labelsOnly.hasClassLabels }
}
