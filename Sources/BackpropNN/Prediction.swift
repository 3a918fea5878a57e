import BackpropMatrix

/// The course network's predictions: 1 where the output probability is above 0.5, else 0.
///
/// Course: `predict(X, y, parameters)` (which also prints the accuracy; see ``accuracy(predictions:labels:)``).
///
/// - Shapes: X (n_0, m) → predictions (1, m) of 0 and 1.
@inlinable
public func predict<T: MatrixScalar>(X: Matrix<T>, parameters: Parameters<T>) -> Matrix<T> {
    let (AL, _) = modelForward(X: X, parameters: parameters)
    return AL.map { $0 > 0.5 ? 1 : 0 }
}

/// The fraction of predictions equal to their labels, in [0, 1].
///
/// Course: `np.sum((p == y) / m)` as `predict` prints it.
///
/// - Shapes: predictions (r, m), labels (r, m).
@inlinable
public func accuracy<T: MatrixScalar>(predictions: Matrix<T>, labels: Matrix<T>) -> Double {
    precondition(
        predictions.rows == labels.rows && predictions.columns == labels.columns,
        "accuracy: predictions (\(predictions.rows), \(predictions.columns)) and labels (\(labels.rows), \(labels.columns)) differ")
    guard !labels.isEmpty else { return 0 }
    var correct = 0
    for i in 0..<labels.count where predictions.elements[i] == labels.elements[i] { correct += 1 }
    return Double(correct) / Double(labels.count)
}
