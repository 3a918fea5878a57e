/// Copies into reused buffers, for training loops that must not allocate per iteration:
/// a transpose into an existing matrix and mini-batch gathers.
extension Matrix {
    /// Writes the transpose of `source` into `result` (resized to (columns, rows), reusing its
    /// storage): `result[c, r] = source[r, c]`, by the kernels' tiled transpose
    /// (`bp_transpose_f32` / `_f64`; reference: ``ReferenceKernels/transpose(_:rows:columns:sourceStride:into:outStride:)``).
    ///
    /// - Shapes: source (r, c) → result (c, r).
    @inlinable
    public static func transpose(_ source: Matrix, into result: inout Matrix) {
        let r0 = source.rows, c0 = source.columns
        result.resize(rows: c0, columns: r0)
        source._elements.withUnsafeBufferPointer { a in
            result._elements.withUnsafeMutableBufferPointer { out in
                guard let a = a.baseAddress, let out = out.baseAddress else { return }
                Kernels.transpose(a, rows: r0, columns: c0, sourceStride: c0, into: out, outStride: r0)
            }
        }
    }

    /// Gathers the rows at `indices` into `batch`, resized with its storage reused:
    /// `batch[j, c] = self[indices[j], c]` (`A[indices, :]`), each row one contiguous copy. For
    /// a matrix holding one example per row (m, n), the rows of a mini-batch: X_bᵀ (b, n).
    ///
    /// - Shapes: self (m, n), b = indices.count → batch (b, n).
    /// - Precondition: every index is in 0..<rows.
    @inlinable
    public func gatherRows(_ indices: ArraySlice<Int>, into batch: inout Matrix) {
        let n = columns
        for r in indices { precondition(r >= 0 && r < rows, "Matrix.gatherRows: row \(r) outside shape (\(rows), \(n))") }
        batch.resize(rows: indices.count, columns: n)
        guard n > 0 else { return }
        _elements.withUnsafeBufferPointer { x in
            batch._elements.withUnsafeMutableBufferPointer { out in
                for (j, r) in indices.enumerated() { (out.baseAddress! + j * n).update(from: x.baseAddress! + r * n, count: n) }
            }
        }
    }

    /// Gathers the columns at `indices` (a mini-batch) into `batch`, resized with its storage
    /// reused: `batch[r, j] = self[r, indices[j]]` (`X[:, indices]`). Consecutive indices are
    /// copied as one run per row.
    ///
    /// - Shapes: self (n, m), b = indices.count → batch (n, b).
    /// - Precondition: every index is in 0..<columns.
    @inlinable
    public func gatherColumns(_ indices: ArraySlice<Int>, into batch: inout Matrix) {
        let n = rows, m = columns, b = indices.count
        batch.resize(rows: n, columns: b)
        guard b > 0, n > 0 else { return }
        let first = indices[indices.startIndex]
        let contiguous = indices.last! - first == b - 1 && indices.enumerated().allSatisfy { $0.element == first + $0.offset }
        if !contiguous {
            for c in indices { precondition(c >= 0 && c < m, "Matrix.gatherColumns: column \(c) outside shape (\(n), \(m))") }
        } else {
            precondition(first >= 0 && first + b <= m, "Matrix.gatherColumns: columns \(first)..<\(first + b) outside shape (\(n), \(m))")
        }
        _elements.withUnsafeBufferPointer { x in
            batch._elements.withUnsafeMutableBufferPointer { out in
                let x = x.baseAddress!, out = out.baseAddress!
                if contiguous {
                    for r in 0..<n { (out + r * b).update(from: x + r * m + first, count: b) }
                } else {
                    indices.withUnsafeBufferPointer { idx in
                        for r in 0..<n {
                            let row = x + r * m, o = out + r * b
                            for j in 0..<b { o[j] = row[idx[j]] }
                        }
                    }
                }
            }
        }
    }
}
