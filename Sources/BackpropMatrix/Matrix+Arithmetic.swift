/// Element-wise arithmetic with NumPy broadcasting restricted to what the course uses.
///
/// `lhs ∘ rhs` works when the shapes are equal, or when `rhs` (or `lhs`) is a (rows, 1) column
/// repeated across every column (`np.dot(W, A) + b`), a (1, columns) row repeated down every
/// row, or a (1, 1) matrix. Any other pair stops with both shapes in the message.
extension Matrix {
    /// How one operand is read while walking the other: the element stride along a row and
    /// along a column (0 repeats a broadcast dimension).
    @usableFromInline
    struct BroadcastPlan {
        @usableFromInline var rows: Int
        @usableFromInline var columns: Int
        @usableFromInline var lhsRowStride: Int, lhsColumnStride: Int
        @usableFromInline var rhsRowStride: Int, rhsColumnStride: Int

        @inlinable
        init(_ lhs: Matrix, _ rhs: Matrix, _ operation: StaticString) {
            func axis(_ a: Int, _ b: Int) -> Int? {
                if a == b { return a }
                if a == 1 { return b }
                if b == 1 { return a }
                return nil
            }
            guard let r = axis(lhs.rows, rhs.rows), let c = axis(lhs.columns, rhs.columns) else {
                preconditionFailure(
                    "Matrix \(operation): shapes (\(lhs.rows), \(lhs.columns)) and (\(rhs.rows), \(rhs.columns)) do not broadcast")
            }
            rows = r
            columns = c
            lhsRowStride = lhs.rows == 1 ? 0 : lhs.columns
            lhsColumnStride = lhs.columns == 1 ? 0 : 1
            rhsRowStride = rhs.rows == 1 ? 0 : rhs.columns
            rhsColumnStride = rhs.columns == 1 ? 0 : 1
        }
    }

    /// Combines two matrices element by element with broadcasting.
    @inlinable
    public static func combine(
        _ lhs: Matrix, _ rhs: Matrix, _ operation: StaticString = "combine",
        _ body: (Scalar, Scalar) -> Scalar
    ) -> Matrix {
        if lhs.rows == rhs.rows && lhs.columns == rhs.columns {
            var result = lhs
            result._elements.withUnsafeMutableBufferPointer { out in
                rhs.elements.withUnsafeBufferPointer { b in
                    for i in 0..<out.count { out[i] = body(out[i], b[i]) }
                }
            }
            return result
        }
        let plan = BroadcastPlan(lhs, rhs, operation)
        var result = Matrix(rows: plan.rows, columns: plan.columns)
        result._elements.withUnsafeMutableBufferPointer { out in
            lhs.elements.withUnsafeBufferPointer { a in
                rhs.elements.withUnsafeBufferPointer { b in
                    for r in 0..<plan.rows {
                        let aRow = r * plan.lhsRowStride, bRow = r * plan.rhsRowStride
                        for c in 0..<plan.columns {
                            out[r * plan.columns + c] = body(
                                a[aRow + c * plan.lhsColumnStride], b[bRow + c * plan.rhsColumnStride])
                        }
                    }
                }
            }
        }
        return result
    }

    /// `result[i] = body(lhs[i], rhs[i])` for two matrices of one shape, into `result`
    /// (resized, its storage reused): the allocation-free form of ``combine(_:_:_:_:)``.
    ///
    /// - Shapes: lhs (r, c), rhs (r, c) → result (r, c).
    @inlinable
    public static func combine(
        _ lhs: Matrix, _ rhs: Matrix, into result: inout Matrix, _ body: (Scalar, Scalar) -> Scalar
    ) {
        precondition(
            lhs.rows == rhs.rows && lhs.columns == rhs.columns,
            "Matrix.combine: shapes (\(lhs.rows), \(lhs.columns)) and (\(rhs.rows), \(rhs.columns)) differ")
        result.resize(rows: lhs.rows, columns: lhs.columns)
        result._elements.withUnsafeMutableBufferPointer { out in
            lhs.elements.withUnsafeBufferPointer { a in
                rhs.elements.withUnsafeBufferPointer { b in
                    for i in 0..<out.count { out[i] = body(a[i], b[i]) }
                }
            }
        }
    }

    /// Applies `body` to every element.
    @inlinable
    public func map(_ body: (Scalar) throws -> Scalar) rethrows -> Matrix {
        var result = self
        try result._elements.withUnsafeMutableBufferPointer { out in
            for i in 0..<out.count { out[i] = try body(out[i]) }
        }
        return result
    }

    /// Applies `body` to every element in place.
    @inlinable
    public mutating func apply(_ body: (Scalar) throws -> Scalar) rethrows {
        try _elements.withUnsafeMutableBufferPointer { out in
            for i in 0..<out.count { out[i] = try body(out[i]) }
        }
    }

    /// Element-wise sum with broadcasting (`lhs + rhs` in NumPy). Shapes: equal, or one side (r, 1), (1, c) or (1, 1).
    @inlinable public static func + (lhs: Matrix, rhs: Matrix) -> Matrix { combine(lhs, rhs, "+", +) }
    /// Element-wise difference with broadcasting. Shapes: equal, or one side (r, 1), (1, c) or (1, 1).
    @inlinable public static func - (lhs: Matrix, rhs: Matrix) -> Matrix { combine(lhs, rhs, "-", -) }
    /// Element-wise (Hadamard) product, NumPy's `*`. The matrix product is ``dot(_:)``.
    @inlinable public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { combine(lhs, rhs, "*", *) }
    /// Element-wise quotient with broadcasting. Shapes: equal, or one side (r, 1), (1, c) or (1, 1).
    @inlinable public static func / (lhs: Matrix, rhs: Matrix) -> Matrix { combine(lhs, rhs, "/", /) }

    /// Every element `x + rhs`; the shape is kept.
    @inlinable public static func + (lhs: Matrix, rhs: Scalar) -> Matrix { lhs.map { $0 + rhs } }
    /// Every element `x - rhs`; the shape is kept.
    @inlinable public static func - (lhs: Matrix, rhs: Scalar) -> Matrix { lhs.map { $0 - rhs } }
    /// Every element `x * rhs`; the shape is kept.
    @inlinable public static func * (lhs: Matrix, rhs: Scalar) -> Matrix { lhs.map { $0 * rhs } }
    /// Every element `x / rhs`; the shape is kept.
    @inlinable public static func / (lhs: Matrix, rhs: Scalar) -> Matrix { lhs.map { $0 / rhs } }
    /// Every element `lhs + x`; the shape is kept.
    @inlinable public static func + (lhs: Scalar, rhs: Matrix) -> Matrix { rhs.map { lhs + $0 } }
    /// Every element `lhs - x`; the shape is kept.
    @inlinable public static func - (lhs: Scalar, rhs: Matrix) -> Matrix { rhs.map { lhs - $0 } }
    /// Every element `lhs * x`; the shape is kept.
    @inlinable public static func * (lhs: Scalar, rhs: Matrix) -> Matrix { rhs.map { lhs * $0 } }
    /// Every element `lhs / x`; the shape is kept.
    @inlinable public static func / (lhs: Scalar, rhs: Matrix) -> Matrix { rhs.map { lhs / $0 } }
    /// Every element negated.
    @inlinable public static prefix func - (operand: Matrix) -> Matrix { operand.map { -$0 } }

    /// In place: `lhs = lhs + rhs` element-wise, `rhs` of the same shape or broadcasting to it (no allocation).
    @inlinable public static func += (lhs: inout Matrix, rhs: Matrix) { lhs.formCombination(rhs, "+=", +) }
    /// In place: `lhs = lhs - rhs` element-wise, `rhs` of the same shape or broadcasting to it (no allocation).
    @inlinable public static func -= (lhs: inout Matrix, rhs: Matrix) { lhs.formCombination(rhs, "-=", -) }
    /// In place: `lhs = lhs * rhs` element-wise, `rhs` of the same shape or broadcasting to it (no allocation).
    @inlinable public static func *= (lhs: inout Matrix, rhs: Matrix) { lhs.formCombination(rhs, "*=", *) }
    /// In place: `lhs = lhs / rhs` element-wise, `rhs` of the same shape or broadcasting to it (no allocation).
    @inlinable public static func /= (lhs: inout Matrix, rhs: Matrix) { lhs.formCombination(rhs, "/=", /) }
    /// In place: every element `x = x * rhs` (no allocation).
    @inlinable public static func *= (lhs: inout Matrix, rhs: Scalar) { lhs.apply { $0 * rhs } }
    /// In place: every element `x = x / rhs` (no allocation).
    @inlinable public static func /= (lhs: inout Matrix, rhs: Scalar) { lhs.apply { $0 / rhs } }
    /// In place: every element `x = x + rhs` (no allocation).
    @inlinable public static func += (lhs: inout Matrix, rhs: Scalar) { lhs.apply { $0 + rhs } }
    /// In place: every element `x = x - rhs` (no allocation).
    @inlinable public static func -= (lhs: inout Matrix, rhs: Scalar) { lhs.apply { $0 - rhs } }

    /// In-place `self = body(self, rhs)`, where `rhs` has this shape or broadcasts to it
    /// (a column, a row or a single element). No allocation.
    @inlinable
    public mutating func formCombination(
        _ rhs: Matrix, _ operation: StaticString = "formCombination", _ body: (Scalar, Scalar) -> Scalar
    ) {
        let rowStride = rhs.rows == 1 ? 0 : rhs.columns
        let columnStride = rhs.columns == 1 ? 0 : 1
        precondition(
            (rhs.rows == rows || rhs.rows == 1) && (rhs.columns == columns || rhs.columns == 1),
            "Matrix \(operation): shape (\(rhs.rows), \(rhs.columns)) does not broadcast to (\(rows), \(columns))")
        let columnCount = columns
        _elements.withUnsafeMutableBufferPointer { out in
            rhs.elements.withUnsafeBufferPointer { b in
                if rowStride == columnCount && columnStride == 1 {
                    for i in 0..<out.count { out[i] = body(out[i], b[i]) }
                    return
                }
                for r in 0..<(columnCount == 0 ? 0 : out.count / columnCount) {
                    for c in 0..<columnCount {
                        out[r * columnCount + c] = body(out[r * columnCount + c], b[r * rowStride + c * columnStride])
                    }
                }
            }
        }
    }

    /// `self += scale * other`, in place (BLAS `axpy`), as gradient descent uses it:
    /// `W.add(dW, scaledBy: -learningRate)`.
    @inlinable
    public mutating func add(_ other: Matrix, scaledBy scale: Scalar) {
        precondition(
            rows == other.rows && columns == other.columns,
            "Matrix.add(_:scaledBy:): shapes (\(rows), \(columns)) and (\(other.rows), \(other.columns)) differ")
        _elements.withUnsafeMutableBufferPointer { out in
            other.elements.withUnsafeBufferPointer { b in
                for i in 0..<out.count { out[i] += scale * b[i] }
            }
        }
    }
}

/// Element-wise functions, as NumPy's `np.exp`, `np.log`, … apply them.
extension Matrix {
    /// e^x for every element (`np.exp`), by the element-wise kernels (``applying(_:)``).
    @inlinable public func exp() -> Matrix { applying(.exp) }
    /// The natural logarithm of every element (`np.log`), by the element-wise kernels.
    @inlinable public func log() -> Matrix { applying(.log) }
    /// tanh of every element (`np.tanh`), by the element-wise kernels.
    @inlinable public func tanh() -> Matrix { applying(.tanh) }
    /// The square root of every element (`np.sqrt`).
    @inlinable public func squareRoot() -> Matrix { map { $0.squareRoot() } }
    /// The absolute value of every element (`np.abs`).
    @inlinable public func magnitude() -> Matrix { map { Swift.abs($0) } }
    /// Every element squared.
    @inlinable public func squared() -> Matrix { map { $0 * $0 } }
    /// `max(x, value)` for every element (`np.maximum(X, value)`).
    @inlinable public func maximum(_ value: Scalar) -> Matrix { map { Swift.max($0, value) } }
    /// `min(x, value)` for every element (`np.minimum(X, value)`).
    @inlinable public func minimum(_ value: Scalar) -> Matrix { map { Swift.min($0, value) } }
    /// Every element clipped to `range` (`np.clip`).
    @inlinable public func clipped(to range: ClosedRange<Scalar>) -> Matrix {
        map { Swift.min(Swift.max($0, range.lowerBound), range.upperBound) }
    }
    /// Whether every element is finite (neither NaN nor infinite), by the SIMD kernel
    /// (`ReferenceKernels.allFinite(_:)` is the plain version); training checks every gradient
    /// with it after every step.
    @inlinable public var isFinite: Bool {
        withUnsafeBufferPointer { Self.allFinite($0) }
    }

    /// Whether every one of `values` is finite, by the kernel of ``isFinite`` (for values not
    /// in a matrix, such as a block of streamed examples).
    @inlinable public static func allFinite(_ values: UnsafeBufferPointer<Scalar>) -> Bool {
        guard let base = values.baseAddress else { return true }
        return Kernels.allFinite(base, count: values.count)
    }

    /// Adds `values` into `sums` element by element (`sums[i] = values[i] + sums[i]`) and
    /// returns how many of the sums are NaN or infinite, by the exponent test of ``isFinite``
    /// (AVX-512: one pass, and a second over `sums` only when a sum is not finite; elsewhere
    /// the add, then the count; `ReferenceKernels.addCountingNonFinite(_:into:)` is the plain
    /// version): the sum of data-parallel training, checked as it is made.
    ///
    /// - Precondition: the same count; the buffers do not overlap.
    @inlinable public static func addCountingNonFinite(_ values: UnsafeBufferPointer<Scalar>, into sums: UnsafeMutableBufferPointer<Scalar>) -> Int {
        precondition(values.count == sums.count, "Matrix.addCountingNonFinite: \(values.count) values for \(sums.count) sums")
        guard let x = values.baseAddress, let y = sums.baseAddress else { return 0 }
        return Kernels.addCountingNonFinite(x, y, count: sums.count)
    }

    /// The columns (examples, in course orientation) holding at least one NaN or infinity, in
    /// increasing order; empty after one fast ``isFinite`` pass when every element is finite.
    public var nonFiniteColumns: [Int] {
        if isFinite { return [] }
        var found = [Bool](repeating: false, count: columns)
        for (index, value) in elements.enumerated() where !value.isFinite { found[index % columns] = true }
        return found.indices.filter { found[$0] }
    }
}
