import BackpropMatrix

/// A labelled data set in course orientation: features X of shape (n_x, m), one example per
/// column, and one class label per example.
///
/// Load one from any supported format with ``load(path:options:)``, split it with
/// ``split(validationFraction:seed:)``, scale it with ``FeatureScaler``, and hand ``x`` and
/// ``y`` (binary, (1, m)) or ``oneHotY`` (multi-class, (C, m)) to training.
public struct Dataset<Scalar: MatrixScalar>: Sendable {
    /// The features, (n_x, m): column i is example i.
    public var x: Matrix<Scalar>
    /// The class index of each example, m of them, each in `0..<classNames.count`.
    public var labels: [Int]
    /// The name of each class (`["non-cat", "cat"]`, `["0", ..., "9"]`).
    public var classNames: [String]
    /// The name of each feature (row of `x`) when the source had them (CSV headers).
    public var featureNames: [String]?

    /// A data set.
    ///
    /// - Precondition: `labels.count == x.columns`, every label is in `0..<classNames.count`,
    ///   and `featureNames` (when given) has `x.rows` names.
    public init(x: Matrix<Scalar>, labels: [Int], classNames: [String], featureNames: [String]? = nil) {
        precondition(labels.count == x.columns, "Dataset: \(labels.count) labels for X of shape (\(x.rows), \(x.columns))")
        precondition(labels.allSatisfy { $0 >= 0 && $0 < classNames.count },
                     "Dataset: labels outside 0..<\(classNames.count) (\(classNames.count) class names)")
        precondition(featureNames == nil || featureNames!.count == x.rows,
                     "Dataset: \(featureNames?.count ?? 0) feature names for \(x.rows) features")
        self.x = x
        self.labels = labels
        self.classNames = classNames
        self.featureNames = featureNames
    }

    /// The number of examples m.
    public var exampleCount: Int { x.columns }
    /// The number of features n_x.
    public var featureCount: Int { x.rows }
    /// The number of classes C.
    public var classCount: Int { classNames.count }

    /// The labels as the course's Y: a (1, m) row of class indices (0/1 for binary tasks).
    public var y: Matrix<Scalar> { Matrix(rows: 1, columns: labels.count, elements: labels.map { Scalar($0) }) }

    /// The labels one-hot encoded, (C, m); see ``OneHot/encode(_:classCount:as:)``.
    public var oneHotY: Matrix<Scalar> { OneHot.encode(labels, classCount: classCount, as: Scalar.self) }

    /// The examples at `indices`, in that order.
    ///
    /// - Precondition: every index is in `0..<exampleCount`.
    public func examples<C: Collection>(at indices: C) -> Dataset where C.Element == Int {
        Dataset(x: x.columns(at: indices), labels: indices.map { labels[$0] }, classNames: classNames, featureNames: featureNames)
    }

    /// Builds a data set from label text (CSV label columns, folder names): when every label is
    /// a non-negative integer it is the class index (class names "0" … "max"); otherwise the
    /// classes are the distinct texts in sorted order (as `np.unique`).
    static func classes(fromText texts: [String]) -> (labels: [Int], classNames: [String]) {
        let integers = texts.map { Int($0.trimmingSpaces) }
        if !texts.isEmpty, integers.allSatisfy({ $0 != nil && $0! >= 0 && $0! < 1 << 20 }) {
            let labels = integers.map { $0! }
            return (labels, (0...(labels.max() ?? 0)).map(String.init))
        }
        let names = Array(Set(texts)).sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        return (texts.map { index[$0]! }, names)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
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
