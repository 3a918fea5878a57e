import BackpropMatrix

/// A data set in course orientation: the features X of shape (n_x, m), one example per column,
/// optional labels, and where the data came from.
///
/// Every source of data gives one: a file in any supported format (``load(path:options:)``),
/// the course's cat images (``catImages(trainFile:testFile:)``), the built-in synthetic sets
/// (`flower(count:seed:)`, `spirals(pointsPerClass:classes:noise:seed:)`), or your own
/// matrices. Split it with ``split(validationFraction:seed:)``, scale it with
/// ``FeatureScaler``, and hand ``X`` and ``labels`` to training.
///
/// Labels are (1, m) class indices (0/1 for binary problems) or targets, or (k, m) one-hot rows
/// or several targets; `nil` for data without labels (prediction only).
public struct Dataset<Scalar: MatrixScalar>: Sendable, Equatable {
    /// The features, (n_x, m): column i is example i.
    public var X: Matrix<Scalar>
    /// The labels, (1, m) or (k, m); nil for inputs without labels.
    public var labels: Matrix<Scalar>?
    /// The name of each class, index 0 first (`["non-cat", "cat"]`, `["0", ..., "9"]`); empty
    /// when the source names none.
    public var classNames: [String]
    /// The name of each feature (row of `X`) when the source has them (CSV headers).
    public var featureNames: [String]?
    /// The shape of one example before flattening, for images: (height, width, channels).
    public var inputShape: [Int]?
    /// Where the data came from, for messages: `"train_catvnoncat.h5 (train_set_x, train_set_y)"`.
    public var source: String

    /// A data set from its parts.
    ///
    /// - Parameters:
    ///   - X: the features, (n_x, m).
    ///   - labels: (1, m) or (k, m) labels, or nil.
    ///   - classNames: the class names, index 0 first.
    ///   - featureNames: n_x feature names, or nil.
    ///   - inputShape: the shape of one example before flattening (its product is n_x), or nil.
    ///   - source: where the data came from.
    /// - Precondition: `labels` has m columns, `featureNames` has n_x names and `inputShape`
    ///   has n_x elements in all.
    public init(
        X: Matrix<Scalar>, labels: Matrix<Scalar>?, classNames: [String] = [], featureNames: [String]? = nil,
        inputShape: [Int]? = nil, source: String
    ) {
        precondition(labels == nil || labels!.columns == X.columns,
                     "Dataset: labels of shape (\(labels?.rows ?? 0), \(labels?.columns ?? 0)) for X of shape (\(X.rows), \(X.columns))")
        precondition(featureNames == nil || featureNames!.count == X.rows,
                     "Dataset: \(featureNames?.count ?? 0) feature names for X of shape (\(X.rows), \(X.columns))")
        precondition(inputShape == nil || inputShape!.reduce(1, *) == X.rows,
                     "Dataset: input shape \(inputShape ?? []) for X of shape (\(X.rows), \(X.columns))")
        self.X = X
        self.labels = labels
        self.classNames = classNames
        self.featureNames = featureNames
        self.inputShape = inputShape
        self.source = source
    }

    /// A classification data set from class indices: the labels become the (1, m) row Y.
    ///
    /// - Precondition: `classIndices.count == X.columns` and every index is in
    ///   `0..<classNames.count`.
    public init(
        X: Matrix<Scalar>, classIndices: [Int], classNames: [String], featureNames: [String]? = nil,
        inputShape: [Int]? = nil, source: String
    ) {
        precondition(classIndices.allSatisfy { $0 >= 0 && $0 < classNames.count },
                     "Dataset: class indices outside 0..<\(classNames.count) (\(classNames.count) class names)")
        let labels = Matrix(rows: 1, columns: classIndices.count, elements: classIndices.map { Scalar($0) })
        self.init(X: X, labels: labels, classNames: classNames, featureNames: featureNames, inputShape: inputShape, source: source)
    }

    /// m, the number of examples.
    public var count: Int { X.columns }

    /// n_x, the number of features.
    public var featureCount: Int { X.rows }

    /// The number of classes the labels imply: for (1, m) class labels (``hasClassLabels``) the
    /// largest label + 1 (at least 2, at most ``maximumClassCount``); for (k, m) labels, k; at
    /// least the number of class names. (1, m) targets that are not class indices count as 2.
    public var classCount: Int {
        guard let labels else { return classNames.count }
        if labels.rows > 1 { return Swift.max(labels.rows, classNames.count) }
        guard hasClassLabels else { return Swift.max(2, classNames.count) }
        let largest = labels.elements.max() ?? 0
        return Swift.max(Int(largest) + 1, 2, classNames.count)
    }

    /// Whether the labels are (1, m) class indices, the form classification uses: whole numbers
    /// in 0..<``maximumClassCount`` (see `checkClassLabels(_:file:name:)`).
    public var hasClassLabels: Bool {
        guard let labels, labels.rows == 1 else { return false }
        return labels.elements.allSatisfy { Self.isClassIndex(Double($0)) }
    }

    /// The class index of every example: the label itself for (1, m) labels (-1 for a value that
    /// is not a class index), the row of the largest value for (k, m) one-hot labels; empty
    /// without labels.
    public var classIndices: [Int] {
        guard let labels else { return [] }
        if labels.rows == 1 { return labels.elements.map { Self.isClassIndex(Double($0)) ? Int($0) : -1 } }
        return labels.argmaxOfColumns()
    }

    /// The class labels one-hot encoded, (C, m) with C = ``classCount``; see
    /// ``OneHot/encode(_:classCount:as:)``.
    ///
    /// - Precondition: ``hasClassLabels``.
    public var oneHotLabels: Matrix<Scalar> {
        precondition(hasClassLabels, "Dataset.oneHotLabels: the labels of \(source) are not (1, m) class indices")
        return OneHot.encode(classIndices, classCount: classCount, as: Scalar.self)
    }

    /// The examples at `indices`, in that order (labels, names and shape kept).
    ///
    /// - Precondition: every index is in `0..<count`.
    public func examples<C: Collection>(at indices: C) -> Dataset where C.Element == Int {
        var subset = self
        subset.X = X.columns(at: indices)
        subset.labels = labels?.columns(at: indices)
        return subset
    }
}

/// One-hot encoding of class labels and its inverse.
public enum OneHot {
    /// The (C, m) matrix whose column i is 1 in row `labels[i]` and 0 elsewhere.
    ///
    /// - Precondition: every label is in `0..<classCount`.
    public static func encode<T: MatrixScalar>(_ labels: [Int], classCount: Int, as type: T.Type = T.self) -> Matrix<T> {
        var matrix = Matrix<T>(rows: classCount, columns: labels.count)
        for (column, label) in labels.enumerated() {
            precondition(label >= 0 && label < classCount, "OneHot.encode: label \(label) outside 0..<\(classCount)")
            matrix[label, column] = 1
        }
        return matrix
    }

    /// The class of each column of a (C, m) matrix of one-hot vectors or probabilities: the
    /// row of its largest value (the first on ties). A (1, m) matrix of probabilities is read
    /// as binary: class 1 where the value is above 0.5.
    public static func decode<T: MatrixScalar>(_ matrix: Matrix<T>) -> [Int] {
        if matrix.rows == 1 { return matrix.elements.map { $0 > 0.5 ? 1 : 0 } }
        return matrix.argmaxOfColumns()
    }
}
