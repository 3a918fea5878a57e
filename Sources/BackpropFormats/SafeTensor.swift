import BackpropMatrix

/// One named tensor of a safetensors file: its element type, shape and raw little-endian bytes.
///
/// The invariant `data.count == shape.product × dtype.byteSize` holds for every value (the
/// initialisers check it), so conversions never read out of bounds.
///
/// See Also: ``SafeTensorsFile``.
public struct SafeTensor: Sendable, Equatable {
    /// The tensor's name, for example `"0.weight"`.
    public var name: String
    /// The element type.
    public var dtype: SafeTensorsDType
    /// The shape, outermost dimension first (row-major, as NumPy and PyTorch store it).
    public var shape: [Int]
    /// The elements, row-major, little-endian.
    public private(set) var data: [UInt8]

    /// The number of elements: the product of ``shape`` (1 for a scalar, shape `[]`).
    public var elementCount: Int { shape.reduce(1, *) }

    /// A tensor from raw bytes.
    ///
    /// - Throws: ``FormatError`` (`.mismatch`, file `"<tensor name>"`) when a dimension is
    ///   negative or `data.count` is not the shape's element count × the dtype's size.
    public init(name: String, dtype: SafeTensorsDType, shape: [Int], data: [UInt8]) throws(FormatError) {
        guard let bytes = SafeTensor.byteCount(shape: shape, dtype: dtype), bytes == data.count else {
            throw FormatError(
                .mismatch, file: name, expected: "\(shape) × \(dtype.byteSize) bytes",
                found: "\(data.count) bytes")
        }
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.data = data
    }

    /// A `F32` or `F64` tensor holding `values` row-major with the given shape.
    ///
    /// Precondition: `values.count` equals the product of `shape`.
    public init<T: MatrixScalar>(name: String, shape: [Int], values: some Collection<T>) {
        precondition(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == values.count,
                     "SafeTensor \(name): shape \(shape) does not hold \(values.count) values")
        self.name = name
        self.shape = shape
        var bytes: [UInt8] = []
        if T.self == Double.self {
            dtype = .float64
            bytes.reserveCapacity(values.count * 8)
            for value in values { withUnsafeBytes(of: Double(value).bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        } else {
            dtype = .float32
            bytes.reserveCapacity(values.count * 4)
            for value in values { withUnsafeBytes(of: Float(value).bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        }
        data = bytes
    }

    /// A matrix as a 2-D tensor of shape `[rows, columns]`, or, with `asVector`, a 1-D tensor of
    /// shape `[count]` (how PyTorch stores a bias of shape (out)).
    public init<T: MatrixScalar>(name: String, matrix: Matrix<T>, asVector: Bool = false) {
        self.init(name: name, shape: asVector ? [matrix.count] : [matrix.rows, matrix.columns], values: matrix.elements)
    }

    /// An `I64` tensor of the given integers (shape `[count]`), for counters such as an
    /// optimiser's step number.
    public init(name: String, integers: [Int64]) {
        self.name = name
        dtype = .int64
        shape = [integers.count]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(integers.count * 8)
        for value in integers { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        data = bytes
    }

    /// The elements converted to `Double`, row-major.
    ///
    /// - Throws: ``FormatError`` (`.unsupported`) for the 8-bit float types.
    public func doubles() throws(FormatError) -> [Double] {
        guard dtype.isConvertible else {
            throw FormatError(.unsupported, file: name, expected: "a numeric dtype Backprop converts", found: dtype.rawValue)
        }
        let slice = data[...]
        return (0..<elementCount).map { dtype.value(in: slice, at: $0) }
    }

    /// The elements as integers (exact for integer dtypes; floats are truncated toward zero).
    ///
    /// - Throws: ``FormatError`` (`.unsupported`) for the 8-bit float types, `.invalid` for a
    ///   value that is not finite or does not fit an `Int`.
    public func integers() throws(FormatError) -> [Int] {
        if dtype == .int64 || dtype == .uint64 {
            return (0..<elementCount).map { index in
                var raw: UInt64 = 0
                for k in 0..<8 { raw |= UInt64(data[index * 8 + k]) << (8 * UInt64(k)) }
                return Int(truncatingIfNeeded: raw)
            }
        }
        var result: [Int] = []
        for value in try doubles() {
            guard value.isFinite, let integer = Int(exactly: value.rounded(.towardZero)) else {
                throw FormatError(.invalid, file: name, expected: "integers", found: "\(value)")
            }
            result.append(integer)
        }
        return result
    }

    /// The tensor as a matrix: a 2-D tensor (r, c) gives an (r, c) matrix; a 1-D tensor (n) gives
    /// an (n, 1) column (a bias); a scalar gives (1, 1). Values are converted to `T`.
    ///
    /// - Throws: ``FormatError`` (`.mismatch`) for more than two dimensions, `.unsupported` for
    ///   8-bit floats.
    public func matrix<T: MatrixScalar>(_ type: T.Type = T.self) throws(FormatError) -> Matrix<T> {
        let values = try doubles()
        switch shape.count {
        case 0: return Matrix(rows: 1, columns: 1, elements: values.map { T($0) })
        case 1: return Matrix(rows: shape[0], columns: 1, elements: values.map { T($0) })
        case 2: return Matrix(rows: shape[0], columns: shape[1], elements: values.map { T($0) })
        default:
            throw FormatError(.mismatch, file: name, expected: "a tensor of at most 2 dimensions", found: "shape \(shape)")
        }
    }

    /// `shape.product × dtype.byteSize`, or nil when a dimension is negative or it overflows.
    static func byteCount(shape: [Int], dtype: SafeTensorsDType) -> Int? {
        var count = dtype.byteSize
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            count = product
        }
        return count
    }
}
