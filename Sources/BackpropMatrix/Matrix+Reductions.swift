/// Sums, means and extrema over the whole matrix or along one axis.
///
/// Axis follows NumPy: `axis: 0` reduces down each column and gives a (1, columns) row;
/// `axis: 1` reduces along each row and gives a (rows, 1) column — the course's
/// `np.sum(dZ, axis=1, keepdims=True)`. Results always keep two dimensions.
extension Matrix {
    /// The sum of all elements, accumulated in order (row-major), as a plain loop would.
    @inlinable
    public func sum() -> Scalar {
        var total: Scalar = 0
        for x in elements { total += x }
        return total
    }

    /// The mean of all elements (NaN for an empty matrix).
    @inlinable
    public func mean() -> Scalar { sum() / Scalar(count) }

    /// The largest element; `-infinity` for an empty matrix.
    @inlinable
    public func max() -> Scalar { elements.reduce(-Scalar.infinity) { Swift.max($0, $1) } }

    /// The smallest element; `+infinity` for an empty matrix.
    @inlinable
    public func min() -> Scalar { elements.reduce(Scalar.infinity) { Swift.min($0, $1) } }

    /// Reduces along `axis` with `combine`, starting each lane from `initial`.
    ///
    /// - Parameters:
    ///   - axis: 0 gives (1, columns); 1 gives (rows, 1).
    ///   - initial: the starting value of each lane.
    ///   - combine: folds one element into a lane's running value.
    @inlinable
    public func reduce(axis: Int, initial: Scalar, _ combine: (Scalar, Scalar) -> Scalar) -> Matrix {
        precondition(axis == 0 || axis == 1, "Matrix.reduce: axis must be 0 or 1, got \(axis)")
        let columnCount = columns
        if axis == 0 {
            var result = Matrix(rows: 1, columns: columns, repeating: initial)
            result._elements.withUnsafeMutableBufferPointer { out in
                elements.withUnsafeBufferPointer { a in
                    for r in 0..<rows {
                        for c in 0..<columnCount { out[c] = combine(out[c], a[r * columnCount + c]) }
                    }
                }
            }
            return result
        } else {
            var result = Matrix(rows: rows, columns: 1, repeating: initial)
            result._elements.withUnsafeMutableBufferPointer { out in
                elements.withUnsafeBufferPointer { a in
                    for r in 0..<rows {
                        var acc = initial
                        for c in 0..<columnCount { acc = combine(acc, a[r * columnCount + c]) }
                        out[r] = acc
                    }
                }
            }
            return result
        }
    }

    /// Sums along `axis` (`np.sum(X, axis=axis, keepdims=True)`). Row sums (`axis: 1`) use
    /// NumPy's pairwise summation (``rowSums()``), so they match NumPy bit for bit.
    @inlinable
    public func sum(axis: Int) -> Matrix { axis == 1 ? rowSums() : reduce(axis: axis, initial: 0, +) }

    /// Means along `axis` (`np.mean(X, axis=axis, keepdims=True)`).
    @inlinable
    public func mean(axis: Int) -> Matrix {
        let n = axis == 0 ? rows : columns
        return sum(axis: axis) / Scalar(n)
    }

    /// Maxima along `axis` (`np.max(X, axis=axis, keepdims=True)`).
    @inlinable
    public func max(axis: Int) -> Matrix { reduce(axis: axis, initial: -Scalar.infinity) { Swift.max($0, $1) } }

    /// Minima along `axis` (`np.min(X, axis=axis, keepdims=True)`).
    @inlinable
    public func min(axis: Int) -> Matrix { reduce(axis: axis, initial: Scalar.infinity) { Swift.min($0, $1) } }

    /// For each column, the row index of its largest element (`np.argmax(X, axis=0)`): the
    /// predicted class of each example of a (classes, m) output.
    @inlinable
    public func argmaxOfColumns() -> [Int] {
        (0..<columns).map { c in
            var best = 0
            var bestValue = -Scalar.infinity
            for r in 0..<rows where elements[r * columns + c] > bestValue {
                bestValue = elements[r * columns + c]
                best = r
            }
            return best
        }
    }
}
