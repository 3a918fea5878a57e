import BackpropMatrix

/// The softmax of every column: A[k, i] = e^(Z[k, i] − max_j Z[j, i]) / Σ_j e^(Z[j, i] − max_j Z[j, i]).
///
/// Subtracting the column maximum leaves the result unchanged mathematically and keeps every
/// exponent ≤ 0, so no column overflows. Each column of A is a probability distribution over
/// the n classes.
///
/// - Shapes: Z (n, m) → A (n, m), one distribution per example (column).
@inlinable
public func softmax<T: MatrixScalar>(_ Z: Matrix<T>) -> Matrix<T> {
    var A = Z
    let n = Z.rows, m = Z.columns
    A.withUnsafeMutableBufferPointer { softmaxColumnsInPlace($0, rows: n, columns: m) }
    return A
}

/// Replaces every column of the row-major (n, m) buffer `a` by its softmax, as
/// ``softmax(_:)`` defines it (the one implementation; the training workspace calls it too).
@inlinable
func softmaxColumnsInPlace<T: MatrixScalar>(_ a: UnsafeMutableBufferPointer<T>, rows n: Int, columns m: Int) {
    for c in 0..<m {
        var largest = -T.infinity
        for r in 0..<n { largest = Swift.max(largest, a[r * m + c]) }
        if !largest.isFinite { largest = largest.isNaN ? largest : 0 }
        var total: T = 0
        for r in 0..<n {
            let e = T.exp(a[r * m + c] - largest)
            a[r * m + c] = e
            total += e
        }
        let inverse = 1 / total
        for r in 0..<n { a[r * m + c] *= inverse }
    }
}

/// The log of the softmax of every column, computed stably as
/// Z[k, i] − max_j Z[j, i] − log Σ_j e^(Z[j, i] − max_j Z[j, i]) (log-sum-exp).
///
/// - Shapes: Z (n, m) → (n, m).
@inlinable
public func logSoftmax<T: MatrixScalar>(_ Z: Matrix<T>) -> Matrix<T> {
    var result = Z
    let n = Z.rows, m = Z.columns
    result.withUnsafeMutableBufferPointer { a in
        for c in 0..<m {
            var largest = -T.infinity
            for r in 0..<n { largest = Swift.max(largest, a[r * m + c]) }
            if !largest.isFinite { largest = largest.isNaN ? largest : 0 }
            var total: T = 0
            for r in 0..<n { total += T.exp(a[r * m + c] - largest) }
            let logTotal = T.log(total) + largest
            for r in 0..<n { a[r * m + c] -= logTotal }
        }
    }
    return result
}

/// The backward pass of ``softmax(_:)``: the gradient dA times the Jacobian of each column,
///
///     dZ[k, i] = s[k, i] · (dA[k, i] − Σ_j dA[j, i] · s[j, i]),   s = softmax(Z).
///
/// With categorical cross-entropy the fused gradient dZ = A − Y is simpler and stabler; see
/// ``Loss``.
///
/// - Parameters:
///   - dA: the gradient of the cost with respect to A, (n, m).
///   - cache: the Z the forward pass saw, (n, m).
/// - Returns: dZ, (n, m).
@inlinable
public func softmaxBackward<T: MatrixScalar>(dA: Matrix<T>, cache Z: Matrix<T>) -> Matrix<T> {
    precondition(
        dA.rows == Z.rows && dA.columns == Z.columns,
        "softmaxBackward: dA (\(dA.rows), \(dA.columns)) and Z (\(Z.rows), \(Z.columns)) differ")
    let s = softmax(Z)
    var dZ = dA
    let n = Z.rows, m = Z.columns
    dZ.withUnsafeMutableBufferPointer { d in
        s.withUnsafeBufferPointer { p in
            for c in 0..<m {
                var dot: T = 0
                for r in 0..<n { dot += d[r * m + c] * p[r * m + c] }
                for r in 0..<n { d[r * m + c] = p[r * m + c] * (d[r * m + c] - dot) }
            }
        }
    }
    return dZ
}
