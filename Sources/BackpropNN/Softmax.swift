import BackpropMatrix

/// The softmax of every column: A[k, i] = e^(Z[k, i] − max_j Z[j, i]) / Σ_j e^(Z[j, i] − max_j Z[j, i]).
///
/// Subtracting the column maximum leaves the result unchanged mathematically and keeps every
/// exponent ≤ 0, so no column overflows. Each column of A is a probability distribution over
/// the n classes. The same code as ``Activation/softmax`` in every network.
///
/// - Shapes: Z (n, m) → A (n, m), one distribution per example (column).
@inlinable
public func softmax<T: MatrixScalar>(_ Z: Matrix<T>) -> Matrix<T> {
    Activation.softmax.forward(Z)
}

/// Replaces every column of the row-major (n, m) buffer `a` by its softmax, as
/// ``softmax(_:)`` defines it (the one implementation of the softmax).
@inlinable
func softmaxColumnsInPlace<T: MatrixScalar>(_ a: UnsafeMutableBufferPointer<T>, rows n: Int, columns m: Int) {
    for c in 0..<m {
        let largest = columnMaximum(UnsafeBufferPointer(a), column: c, rows: n, columns: m)
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

/// The largest value of column `c` of a row-major (n, m) buffer, or 0 when it is infinite
/// (so that z − max stays finite for finite z); NaN when the column holds one.
@inlinable
func columnMaximum<T: MatrixScalar>(_ z: UnsafeBufferPointer<T>, column c: Int, rows n: Int, columns m: Int) -> T {
    var largest = -T.infinity
    for r in 0..<n { largest = Swift.max(largest, z[r * m + c]) }
    if !largest.isFinite { largest = largest.isNaN ? largest : 0 }
    return largest
}

/// log Σ_j e^(z[j, c]) of column `c` of a row-major (n, m) buffer, computed stably as
/// max + log Σ_j e^(z[j, c] − max) (log-sum-exp): the one implementation behind
/// ``logSoftmax(_:)`` and the softmax cross-entropy cost.
@inlinable
func columnLogSumExp<T: MatrixScalar>(_ z: UnsafeBufferPointer<T>, column c: Int, rows n: Int, columns m: Int) -> T {
    let largest = columnMaximum(z, column: c, rows: n, columns: m)
    var total: T = 0
    for r in 0..<n { total += T.exp(z[r * m + c] - largest) }
    return T.log(total) + largest
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
            let logTotal = columnLogSumExp(UnsafeBufferPointer(a), column: c, rows: n, columns: m)
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
///   - Z: the cache (argument label `cache:`): the Z the forward pass saw, (n, m).
/// - Returns: dZ, (n, m).
@inlinable
public func softmaxBackward<T: MatrixScalar>(dA: Matrix<T>, cache Z: Matrix<T>) -> Matrix<T> {
    Activation.softmax.backward(dA: dA, cache: Z)
}

/// dZ = s ⊙ (dA − Σ_columns dA ⊙ s) with s = softmax(Z), into `dZ` (resized): the one
/// implementation of the softmax's derivative (see ``softmaxBackward(dA:cache:)``).
///
/// - Shapes: dA (n, m), Z (n, m) → dZ (n, m).
@inlinable
func softmaxBackward<T: MatrixScalar>(dA: Matrix<T>, cache Z: Matrix<T>, into dZ: inout Matrix<T>) {
    let n = Z.rows, m = Z.columns
    dZ.resize(rows: n, columns: m)
    dZ.withUnsafeMutableBufferPointer { s in
        Z.withUnsafeBufferPointer { z in for i in 0..<s.count { s[i] = z[i] } }
        softmaxColumnsInPlace(s, rows: n, columns: m)
        dA.withUnsafeBufferPointer { d in
            for c in 0..<m {
                var dot: T = 0
                for r in 0..<n { dot += d[r * m + c] * s[r * m + c] }
                for r in 0..<n { s[r * m + c] = s[r * m + c] * (d[r * m + c] - dot) }
            }
        }
    }
}
