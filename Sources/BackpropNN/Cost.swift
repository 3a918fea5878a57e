import BackpropMatrix

/// The binary cross-entropy cost of predictions AL against labels Y:
///
///     J = −(1/m) Σᵢ [ yᵢ log(aᵢ) + (1 − yᵢ) log(1 − aᵢ) ]
///
/// computed as the course computes it, `(1/m) · (−Y · log(AL)ᵀ − (1 − Y) · log(1 − AL)ᵀ)`,
/// so that the same inputs give the course's value to the last bit.
///
/// Course: `compute_cost(AL, Y)`.
///
/// - Shapes: AL (1, m) probabilities in (0, 1); Y (1, m) labels 0 or 1.
/// - Returns: the cost, a scalar.
@inlinable
public func computeCost<T: MatrixScalar>(AL: Matrix<T>, Y: Matrix<T>) -> T {
    precondition(
        AL.rows == Y.rows && AL.columns == Y.columns,
        "computeCost: AL (\(AL.rows), \(AL.columns)) and Y (\(Y.rows), \(Y.columns)) differ")
    let m = T(Y.columns)
    var positive: T = 0, negative: T = 0
    for i in 0..<Y.count {
        let y = Y.elements[i], a = AL.elements[i]
        positive += y * T.log(a)
        negative += (1 - y) * T.log(1 - a)
    }
    return (1 / m) * (-positive - negative)
}
