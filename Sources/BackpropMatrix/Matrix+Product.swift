/// Matrix products and transposes.
///
/// Every product goes through one entry point, ``gemm(_:transposeA:_:transposeB:alpha:beta:into:)``,
/// which hands row-major buffers and strides to the compute kernels (`Kernels.gemm`). A
/// transposed operand is read by stride, never copied.
extension Matrix {
    /// The matrix product `self · other` (`np.dot(self, other)`).
    ///
    /// - Shapes: `self` (m, k), `other` (k, n) → (m, n).
    @inlinable
    public func dot(_ other: Matrix) -> Matrix {
        Matrix.product(self, other)
    }

    /// `alpha · op(a) · op(b)`, where `op` transposes when asked.
    ///
    /// - Shapes: `op(a)` (m, k), `op(b)` (k, n) → (m, n).
    /// - Precondition: the inner dimensions agree; the message prints both shapes.
    @inlinable
    public static func product(
        _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false, alpha: Scalar = 1
    ) -> Matrix {
        let m = transposeA ? a.columns : a.rows
        let n = transposeB ? b.rows : b.columns
        var result = Matrix(rows: m, columns: n)
        gemm(a, transposeA: transposeA, b, transposeB: transposeB, alpha: alpha, beta: 0, into: &result)
        return result
    }

    /// The general product in place: `c = alpha · op(a) · op(b) + beta · c` (BLAS `gemm`).
    ///
    /// With `beta == 0`, `c` is resized to (m, n) and its previous values are ignored (NaNs
    /// included); with `beta != 0` it must already be (m, n). Reusing `c` across calls keeps
    /// training loops free of allocations.
    ///
    /// - Shapes: `op(a)` (m, k), `op(b)` (k, n), `c` (m, n).
    @inlinable
    public static func gemm(
        _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
        alpha: Scalar = 1, beta: Scalar = 0, into c: inout Matrix
    ) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kB = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(
            k == kB,
            "Matrix product: shapes \(a.shapeText(transposed: transposeA)) and \(b.shapeText(transposed: transposeB)) are not aligned (\(k) != \(kB))")
        if beta == 0 {
            c.resize(rows: m, columns: n)
        } else {
            precondition(
                c.rows == m && c.columns == n,
                "Matrix product: result shape (\(c.rows), \(c.columns)) is not (\(m), \(n))")
        }
        let lda = a.columns, ldb = b.columns
        a.elements.withUnsafeBufferPointer { pa in
            b.elements.withUnsafeBufferPointer { pb in
                c._elements.withUnsafeMutableBufferPointer { pc in
                    guard let ca = pc.baseAddress, m > 0, n > 0 else { return }
                    // An empty inner dimension still defines C = beta · C.
                    let aBase = pa.baseAddress ?? UnsafePointer(ca)
                    let bBase = pb.baseAddress ?? UnsafePointer(ca)
                    Scalar._gemm(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                        alpha: alpha, a: aBase, lda: Swift.max(lda, 1), b: bBase, ldb: Swift.max(ldb, 1),
                        beta: beta, c: ca, ldc: n)
                }
            }
        }
    }

    /// The transpose (`X.T`): a (columns, rows) matrix.
    @inlinable
    public var transposed: Matrix {
        var result = Matrix(rows: 0, columns: 0)
        Matrix.transpose(self, into: &result)
        return result
    }

    @usableFromInline
    func shapeText(transposed: Bool) -> String {
        transposed ? "(\(columns), \(rows)) [transposed from (\(rows), \(columns))]" : "(\(rows), \(columns))"
    }
}

/// Selecting columns (examples) and rows.
extension Matrix {
    /// The columns at `indices`, in that order: a (rows, indices.count) matrix. This is how a
    /// mini-batch is cut from a data set (`X[:, permutation[k*B:(k+1)*B]]`); it allocates, and
    /// ``gatherColumns(_:into:)`` is the form that reuses storage.
    @inlinable
    public func columns<C: Collection>(at indices: C) -> Matrix where C.Element == Int {
        var result = Matrix(rows: 0, columns: 0)
        gatherColumns(Array(indices)[...], into: &result)
        return result
    }

    /// The columns in `range`: a (rows, range.count) matrix (`X[:, a:b]`).
    @inlinable
    public func columns(in range: Range<Int>) -> Matrix {
        precondition(
            range.lowerBound >= 0 && range.upperBound <= columns,
            "Matrix.columns(in:): \(range) outside shape (\(rows), \(columns))")
        var result = Matrix(rows: rows, columns: range.count)
        let n = range.count
        result._elements.withUnsafeMutableBufferPointer { out in
            elements.withUnsafeBufferPointer { a in
                for r in 0..<rows {
                    for j in 0..<n { out[r * n + j] = a[r * columns + range.lowerBound + j] }
                }
            }
        }
        return result
    }

    /// The rows in `range`: a (range.count, columns) matrix (`X[a:b, :]`).
    @inlinable
    public func rows(in range: Range<Int>) -> Matrix {
        precondition(
            range.lowerBound >= 0 && range.upperBound <= rows,
            "Matrix.rows(in:): \(range) outside shape (\(rows), \(columns))")
        return Matrix(
            rows: range.count, columns: columns,
            elements: elements[(range.lowerBound * columns)..<(range.upperBound * columns)])
    }
}
