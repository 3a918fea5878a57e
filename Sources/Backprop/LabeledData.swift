/// Examples and their labels, as the tool trains, evaluates and predicts on them.
///
/// Course orientation: X is (n_0, m), one example per column, in float64 (converted to the
/// training precision later). Labels are (1, m) class indices (0/1 for binary problems), or
/// (n_L, m) targets (one-hot or regression values).
public struct LabeledData: Sendable, Equatable {
    /// The features, (n_0, m).
    public var X: Matrix<Double>
    /// The labels, (1, m) or (n_L, m); `nil` for inputs without labels (prediction only).
    public var labels: Matrix<Double>?
    /// Class names, index 0 first, when the source gives them.
    public var classNames: [String]
    /// The shape of one example before flattening, for images: (height, width, channels).
    public var inputShape: [Int]?
    /// Where the data came from, for messages: `"train_catvnoncat.h5 (train_set_x, train_set_y)"`.
    public var source: String

    /// Data from its parts.
    public init(X: Matrix<Double>, labels: Matrix<Double>?, classNames: [String] = [], inputShape: [Int]? = nil, source: String) {
        self.X = X
        self.labels = labels
        self.classNames = classNames
        self.inputShape = inputShape
        self.source = source
    }

    /// m, the number of examples.
    public var count: Int { X.columns }

    /// n_0, the number of features.
    public var featureCount: Int { X.rows }

    /// The number of classes the labels imply: for (1, m) labels the largest label + 1 (at
    /// least 2); for (k, m) labels, k. At least the number of class names.
    public var classCount: Int {
        guard let labels else { return classNames.count }
        if labels.rows > 1 { return max(labels.rows, classNames.count) }
        let largest = labels.elements.max() ?? 0
        return max(Int(largest.isFinite ? max(largest, 0) : 0) + 1, 2, classNames.count)
    }

    /// Whether the labels are integer class indices (1, m), the form classification uses.
    public var hasClassLabels: Bool {
        guard let labels, labels.rows == 1 else { return false }
        return labels.elements.allSatisfy { $0 >= 0 && $0 == $0.rounded() }
    }

    /// The class index of every example: the label itself for (1, m) labels, the row of the
    /// largest value for (k, m) one-hot labels.
    public var classIndices: [Int] {
        guard let labels else { return [] }
        if labels.rows == 1 { return labels.elements.map { Int($0.isFinite ? $0 : -1) } }
        return labels.argmaxOfColumns()
    }
}
