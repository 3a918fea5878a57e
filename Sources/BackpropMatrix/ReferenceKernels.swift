/// The simple reference versions of the compute kernels: obviously correct loops that the fast
/// kernels are tested against. Not fast, and not meant to be.
public enum ReferenceKernels {
    /// `out[c · outStride + r] = a[r · sourceStride + c]` for r < rows, c < columns, element by
    /// element.
    ///
    /// - Shapes: `a` (rows, columns) → `out` (columns, rows), strides as stored.
    public static func transpose<T: MatrixScalar>(
        _ a: UnsafePointer<T>, rows: Int, columns: Int, sourceStride: Int,
        into out: UnsafeMutablePointer<T>, outStride: Int
    ) {
        for r in 0..<rows {
            for c in 0..<columns { out[c * outStride + r] = a[r * sourceStride + c] }
        }
    }

    /// `C = alpha · op(A) · op(B) + beta · C` with row-major buffers, by the textbook triple loop.
    ///
    /// - Shapes: `op(A)` (m, k) stored with row stride `lda`; `op(B)` (k, n) stored with row
    ///   stride `ldb`; `C` (m, n) with row stride `ldc`. A transposed operand is read by stride.
    ///   With `beta == 0`, C's previous contents are not read.
    public static func gemm<T: MatrixScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: T, a: UnsafePointer<T>, lda: Int,
        b: UnsafePointer<T>, ldb: Int,
        beta: T, c: UnsafeMutablePointer<T>, ldc: Int
    ) {
        for i in 0..<m {
            for j in 0..<n {
                var acc: T = 0
                for p in 0..<k {
                    let x = transposeA ? a[p * lda + i] : a[i * lda + p]
                    let y = transposeB ? b[j * ldb + p] : b[p * ldb + j]
                    acc += x * y
                }
                let old = beta == 0 ? 0 : beta * c[i * ldc + j]
                c[i * ldc + j] = alpha * acc + old
            }
        }
    }
}

extension ReferenceKernels {
    /// Gradient descent, the scalar loop ``Matrix/gradientDescentStep(gradient:learningRate:)``
    /// must match bit for bit: `θ ← θ − α g`.
    ///
    /// - Shapes: `theta` and `g` the same (any).
    public static func gradientDescentStep<T: MatrixScalar>(_ theta: inout Matrix<T>, gradient g: Matrix<T>, learningRate alpha: T) {
        for i in 0..<g.count { theta._elements[i] = theta._elements[i] - alpha * g._elements[i] }
    }

    /// Momentum, the scalar loop ``Matrix/momentumStep(velocity:gradient:beta:learningRate:)``
    /// must match bit for bit: `v ← β v + (1 − β) g`; `θ ← θ − α v`.
    ///
    /// - Shapes: `theta`, `v` and `g` the same (any).
    public static func momentumStep<T: MatrixScalar>(
        _ theta: inout Matrix<T>, velocity v: inout Matrix<T>, gradient g: Matrix<T>, beta: T, learningRate alpha: T
    ) {
        let oneMinusBeta = 1 - beta
        for i in 0..<g.count {
            v._elements[i] = beta * v._elements[i] + oneMinusBeta * g._elements[i]
            theta._elements[i] = theta._elements[i] - alpha * v._elements[i]
        }
    }

    /// RMSProp, the scalar loop ``Matrix/rmsPropStep(squares:gradient:beta:epsilon:learningRate:)``
    /// must match: `s ← β s + (1 − β) g²`; `θ ← θ − α g / (√s + ε)`.
    public static func rmsPropStep<T: MatrixScalar>(
        _ theta: inout Matrix<T>, squares s: inout Matrix<T>, gradient g: Matrix<T>, beta: T, epsilon: T, learningRate alpha: T
    ) {
        let oneMinusBeta = 1 - beta
        for i in 0..<g.count {
            s._elements[i] = beta * s._elements[i] + oneMinusBeta * (g._elements[i] * g._elements[i])
            theta._elements[i] = theta._elements[i] - alpha * g._elements[i] / (s._elements[i].squareRoot() + epsilon)
        }
    }

    /// Adam in the course's order (`update_parameters_with_adam`), the scalar loop
    /// ``Matrix/adamStep(firstMoment:secondMoment:gradient:beta1:beta2:correction1:correction2:epsilon:learningRate:)``
    /// must match: `v ← β₁ v + (1 − β₁) g`, `v̂ = v / c₁`, `s ← β₂ s + (1 − β₂) g²`, `ŝ = s / c₂`,
    /// `θ ← θ − α v̂ / (√ŝ + ε)`.
    public static func adamStep<T: MatrixScalar>(
        _ theta: inout Matrix<T>, firstMoment v: inout Matrix<T>, secondMoment s: inout Matrix<T>, gradient g: Matrix<T>,
        beta1: T, beta2: T, correction1: T, correction2: T, epsilon: T, learningRate alpha: T
    ) {
        let oneMinusBeta1 = 1 - beta1, oneMinusBeta2 = 1 - beta2
        for i in 0..<g.count {
            v._elements[i] = beta1 * v._elements[i] + oneMinusBeta1 * g._elements[i]
            let vHat = v._elements[i] / correction1
            s._elements[i] = beta2 * s._elements[i] + oneMinusBeta2 * (g._elements[i] * g._elements[i])
            let sHat = s._elements[i] / correction2
            theta._elements[i] = theta._elements[i] - alpha * vHat / (sHat.squareRoot() + epsilon)
        }
    }
}

extension ReferenceKernels {
    /// Whether every element is finite, one `isFinite` at a time: what ``Matrix/isFinite`` must
    /// answer.
    public static func allFinite<T: MatrixScalar>(_ matrix: Matrix<T>) -> Bool {
        matrix.elements.allSatisfy { $0.isFinite }
    }

    /// `sums[i] = values[i] + sums[i]`, one element at a time, and the number of sums that are
    /// not finite: what ``Matrix/addCountingNonFinite(_:into:)`` must do.
    public static func addCountingNonFinite<T: MatrixScalar>(_ values: [T], into sums: inout [T]) -> Int {
        var count = 0
        for i in sums.indices {
            sums[i] = values[i] + sums[i]
            if !sums[i].isFinite { count += 1 }
        }
        return count
    }
}
