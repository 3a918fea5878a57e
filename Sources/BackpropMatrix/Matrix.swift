/// A dense two-dimensional matrix of `Float` or `Double`, the one array type of Backprop.
///
/// Orientation follows the course: a data set `X` is (n_x, m) with **one example per column**;
/// the weights of layer l are (n_l, n_{l-1}) and its bias is (n_l, 1).
///
/// Elements are stored row-major (C order, as NumPy stores `np.zeros((rows, columns))`), so
/// `elements[r * columns + c]` is the element at row `r`, column `c`. `Matrix` is a value type
/// with copy-on-write storage: copies are cheap until one of them is mutated, and mutating a
/// uniquely referenced matrix never copies.
///
/// Shape mismatches are programmer errors: they stop the program with a message that prints
/// both shapes, for example `Matrix +: shapes (3, 4) and (2, 4) do not broadcast`.
public struct Matrix<Scalar: MatrixScalar>: Sendable {
    /// The number of rows (features, or units of a layer).
    public var rows: Int { _rows }
    /// The number of columns (examples, in course orientation).
    public var columns: Int { _columns }
    /// The elements in row-major order; `elements.count == rows * columns`.
    ///
    /// Setting it to an array of the same count replaces the values in place.
    public var elements: ContiguousArray<Scalar> {
        get { _elements }
        _modify { yield &_elements; precondition(_elements.count == _rows * _columns, "Matrix.elements: count changed to \(_elements.count) for shape (\(_rows), \(_columns))") }
        set {
            precondition(newValue.count == _rows * _columns, "Matrix.elements: \(newValue.count) elements for shape (\(_rows), \(_columns))")
            _elements = newValue
        }
    }

    @usableFromInline var _rows: Int
    @usableFromInline var _columns: Int
    @usableFromInline var _elements: ContiguousArray<Scalar>

    /// A matrix of the given shape with every element equal to `value`.
    ///
    /// - Precondition: `rows >= 0` and `columns >= 0`.
    @inlinable
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative shape (\(rows), \(columns))")
        self._rows = rows
        self._columns = columns
        self._elements = ContiguousArray(repeating: value, count: rows * columns)
    }

    /// A matrix made from row-major `elements`.
    ///
    /// - Precondition: `elements.count == rows * columns`.
    @inlinable
    public init<C: Collection>(rows: Int, columns: Int, elements: C) where C.Element == Scalar {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative shape (\(rows), \(columns))")
        let stored = ContiguousArray(elements)
        precondition(
            stored.count == rows * columns,
            "Matrix: \(stored.count) elements do not fill shape (\(rows), \(columns))")
        self._rows = rows
        self._columns = columns
        self._elements = stored
    }

    /// A matrix from nested rows, as `np.array([[1, 2], [3, 4]])` reads.
    ///
    /// - Precondition: every row has the same length.
    @inlinable
    public init(_ nestedRows: [[Scalar]]) {
        let columnCount = nestedRows.first?.count ?? 0
        for (index, row) in nestedRows.enumerated() {
            precondition(
                row.count == columnCount,
                "Matrix: row \(index) has \(row.count) elements, row 0 has \(columnCount)")
        }
        self.init(rows: nestedRows.count, columns: columnCount, elements: nestedRows.joined())
    }

    /// A matrix whose element at (r, c) is `value(r, c)`, filled row by row.
    @inlinable
    public init(rows: Int, columns: Int, _ value: (_ row: Int, _ column: Int) throws -> Scalar) rethrows {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative shape (\(rows), \(columns))")
        var stored = ContiguousArray<Scalar>()
        stored.reserveCapacity(rows * columns)
        for r in 0..<rows {
            for c in 0..<columns { stored.append(try value(r, c)) }
        }
        self._rows = rows
        self._columns = columns
        self._elements = stored
    }

    /// A (rows, columns) matrix of zeros (`np.zeros`).
    @inlinable
    public static func zeros(rows: Int, columns: Int) -> Matrix { Matrix(rows: rows, columns: columns) }

    /// A (rows, columns) matrix of ones (`np.ones`).
    @inlinable
    public static func ones(rows: Int, columns: Int) -> Matrix { Matrix(rows: rows, columns: columns, repeating: 1) }

    /// A (count, 1) column vector.
    @inlinable
    public static func column(_ values: [Scalar]) -> Matrix { Matrix(rows: values.count, columns: 1, elements: values) }

    /// A (1, count) row vector.
    @inlinable
    public static func row(_ values: [Scalar]) -> Matrix { Matrix(rows: 1, columns: values.count, elements: values) }

    /// The shape as NumPy prints it: (rows, columns).
    @inlinable
    public var shape: (rows: Int, columns: Int) { (rows, columns) }

    /// The number of elements, `rows * columns`.
    @inlinable
    public var count: Int { elements.count }

    /// Whether the matrix holds no element.
    @inlinable
    public var isEmpty: Bool { elements.isEmpty }

    /// The element at row `row`, column `column`.
    @inlinable
    public subscript(row: Int, column: Int) -> Scalar {
        get {
            precondition(
                row >= 0 && row < rows && column >= 0 && column < columns,
                "Matrix: index (\(row), \(column)) outside shape (\(rows), \(columns))")
            return elements[row * columns + column]
        }
        set {
            precondition(
                row >= 0 && row < rows && column >= 0 && column < columns,
                "Matrix: index (\(row), \(column)) outside shape (\(rows), \(columns))")
            elements[row * columns + column] = newValue
        }
    }

    /// The same elements read as another shape with the same count (row-major, as
    /// `np.reshape` in C order).
    @inlinable
    public func reshaped(rows newRows: Int, columns newColumns: Int) -> Matrix {
        precondition(
            newRows * newColumns == count && newRows >= 0 && newColumns >= 0,
            "Matrix.reshaped: cannot read shape (\(rows), \(columns)) as (\(newRows), \(newColumns))")
        var result = self
        result._rows = newRows
        result._columns = newColumns
        return result
    }

    /// Calls `body` with the row-major elements.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try elements.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the row-major elements, mutable. Copies first only if the storage is
    /// shared with another matrix.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        try _elements.withUnsafeMutableBufferPointer(body)
    }

    /// Sets every element to `value` in place.
    @inlinable
    public mutating func fill(with value: Scalar) {
        _elements.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices { buffer[i] = value }
        }
    }

    /// `count` zeros, written as zero bytes (+0 in every IEEE binary format): one memset even
    /// where the caller is not specialised for `Scalar`, where `ContiguousArray(repeating:count:)`
    /// copies the value element by element through the type's value witnesses (a (784, 60000)
    /// transpose from generic code spent most of its time there).
    @inlinable
    static func zeros(count: Int) -> ContiguousArray<Scalar> {
        ContiguousArray(unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).initializeMemory(as: UInt8.self, repeating: 0)
            initialized = count
        }
    }

    /// Gives the matrix a new shape, reusing the storage when its capacity allows. Element
    /// values afterwards are unspecified (callers overwrite them). This is what keeps training
    /// loops free of allocations: a buffer resized to the shape it already has costs nothing.
    @inlinable
    public mutating func resize(rows newRows: Int, columns newColumns: Int) {
        precondition(newRows >= 0 && newColumns >= 0, "Matrix.resize: negative shape (\(newRows), \(newColumns))")
        let newCount = newRows * newColumns
        if newCount != elements.count {
            if newCount < elements.count {
                _elements.removeLast(elements.count - newCount)
            } else if _elements.isEmpty {
                // One zeroed allocation, as `init(rows:columns:)` makes: the allocating forms
                // of the layer functions start from empty buffers.
                _elements = Self.zeros(count: newCount)
            } else {
                // A zeroed block appended in one copy: fast even where the caller is not
                // specialised, which appending `repeatElement` element by element is not.
                _elements.append(contentsOf: Self.zeros(count: newCount - elements.count))
            }
        }
        _rows = newRows
        _columns = newColumns
    }
}

extension Matrix: Equatable {
    /// Matrices are equal when their shapes and all their elements are equal.
    @inlinable
    public static func == (lhs: Matrix, rhs: Matrix) -> Bool {
        lhs.rows == rhs.rows && lhs.columns == rhs.columns && lhs.elements == rhs.elements
    }
}

extension Matrix {
    /// The matrix converted element by element to another scalar type (`X.astype(np.float32)`).
    @inlinable
    public func converted<Other: MatrixScalar>(to: Other.Type = Other.self) -> Matrix<Other> {
        Matrix<Other>(rows: rows, columns: columns, elements: elements.lazy.map { Other($0) })
    }

    /// The rows as nested arrays, as `ndarray.tolist()` gives them.
    @inlinable
    public var nestedRows: [[Scalar]] {
        (0..<rows).map { r in Array(elements[(r * columns)..<((r + 1) * columns)]) }
    }

    /// The largest absolute difference between corresponding elements.
    ///
    /// - Precondition: the shapes are equal.
    @inlinable
    public func maxAbsoluteDifference(_ other: Matrix) -> Scalar {
        precondition(
            rows == other.rows && columns == other.columns,
            "Matrix.maxAbsoluteDifference: shapes (\(rows), \(columns)) and (\(other.rows), \(other.columns)) differ")
        var worst: Scalar = 0
        for i in 0..<count {
            let d = abs(elements[i] - other.elements[i])
            if d > worst || d.isNaN { worst = d }
        }
        return worst
    }

    /// Whether every element is within `tolerance` of the corresponding one, absolutely or
    /// relative to the larger magnitude: `|a - b| <= tolerance * max(1, |a|, |b|)`.
    @inlinable
    public func isApproximatelyEqual(to other: Matrix, tolerance: Scalar) -> Bool {
        guard rows == other.rows && columns == other.columns else { return false }
        for i in 0..<count {
            let a = elements[i], b = other.elements[i]
            let scale = Swift.max(1, Swift.max(abs(a), abs(b)))
            if !(abs(a - b) <= tolerance * scale) { return false }
        }
        return true
    }
}

extension Matrix: CustomStringConvertible {
    /// NumPy-style text with 8 significant decimals, e.g. `[[0.01624345 -0.00611756]]`.
    public var description: String {
        func format(_ x: Scalar) -> String {
            let d = Double(x)
            if d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) + "." }
            var text = String(d)
            if abs(d) >= 1e-4 && abs(d) < 1e15 {
                let scaled = (d * 1e8).rounded() / 1e8
                text = String(scaled)
            }
            return text
        }
        let lines = nestedRows.map { row in "[" + row.map(format).joined(separator: " ") + "]" }
        return "[" + lines.joined(separator: "\n ") + "]"
    }
}
