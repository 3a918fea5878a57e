import BackpropMatrix

/// An n-dimensional NumPy array as a `.npy` file stores it: shape, element type, byte order,
/// memory order and the raw element bytes.
///
/// `NpyArray` keeps the bytes exactly as read, so a read → write round trip is byte for byte.
/// Use ``values(as:)`` for the elements as `Float`/`Double` in C (row-major) order whatever the
/// stored order, `integers()` for labels, and `matrix(as:)` for a `Matrix`.
///
/// Shapes follow NumPy: `[]` is a 0-d scalar array (one element), `[5]` a vector, `[209, 64, 64, 3]`
/// the course's image arrays.
public struct NpyArray: Sendable, Equatable {
    /// The dimensions, outermost first (`arr.shape`).
    public let shape: [Int]
    /// The element type.
    public let dtype: NpyDType
    /// Whether the elements are stored Fortran-ordered (column-major); false for C order.
    public let fortranOrder: Bool
    /// Whether multi-byte elements are stored little-endian (`'<'`), false for big-endian (`'>'`).
    public let isLittleEndian: Bool
    /// The element bytes, `count * dtype.itemSize` of them, in the stored order and byte order.
    public let data: [UInt8]

    /// The number of elements, the product of `shape` (1 for a 0-d array).
    public var count: Int { data.count / dtype.itemSize }

    /// An array from raw bytes.
    ///
    /// - Throws: ``FormatError`` (`.mismatch`) when `data.count` is not the product of `shape`
    ///   times `dtype.itemSize`, or `.invalid` for a negative dimension or an overflowing size.
    public init(
        shape: [Int], dtype: NpyDType, fortranOrder: Bool = false, isLittleEndian: Bool = true,
        data: [UInt8], file: String = "<bytes>"
    ) throws(FormatError) {
        let byteCount = try NpyArray.byteCount(shape: shape, dtype: dtype, file: file)
        guard byteCount == data.count else {
            throw FormatError(
                .mismatch, file: file, expected: "\(byteCount) bytes for shape \(NpyArray.describe(shape)) of \(dtype.name)",
                found: "\(data.count) bytes")
        }
        self.shape = shape
        self.dtype = dtype
        self.fortranOrder = fortranOrder
        // One-byte types have no byte order; normalise so equal arrays compare equal.
        self.isLittleEndian = dtype.itemSize == 1 ? true : isLittleEndian
        self.data = data
    }

    /// The (rows, columns) matrix as a C-ordered little-endian `float32` or `float64` array,
    /// matching the matrix's scalar type.
    public init<T: MatrixScalar>(_ matrix: Matrix<T>) {
        self.init(shape: [matrix.rows, matrix.columns], values: Array(matrix.elements))
    }

    /// A C-ordered little-endian array of `Float` (`float32`) or `Double` (`float64`) values.
    ///
    /// - Precondition: `values.count` is the product of `shape`.
    public init<T: MatrixScalar>(shape: [Int], values: [T]) {
        let dtype: NpyDType = T.self == Float.self ? .float32 : .float64
        self.init(shape: shape, dtype: dtype, doubles: values.map(Double.init))
    }

    /// A C-ordered little-endian `int64` array (labels, indices).
    ///
    /// - Precondition: `values.count` is the product of `shape`.
    public init(shape: [Int], values: [Int64]) {
        precondition(values.count == NpyArray.elementCount(shape), "NpyArray: \(values.count) values for shape \(NpyArray.describe(shape))")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 8)
        for value in values { NpyArray.append(UInt64(bitPattern: value), size: 8, littleEndian: true, to: &bytes) }
        self.shape = shape
        self.dtype = .int64
        self.fortranOrder = false
        self.isLittleEndian = true
        self.data = bytes
    }

    /// A C-ordered `uint8` array (images as the course stores them).
    ///
    /// - Precondition: `values.count` is the product of `shape`.
    public init(shape: [Int], values: [UInt8]) {
        precondition(values.count == NpyArray.elementCount(shape), "NpyArray: \(values.count) values for shape \(NpyArray.describe(shape))")
        self.shape = shape
        self.dtype = .uint8
        self.fortranOrder = false
        self.isLittleEndian = true
        self.data = values
    }

    /// An array of any dtype from values given in C order as `Double`, each converted to
    /// `dtype` (integers truncated toward zero and clamped to the type's range, `bool` is
    /// `value != 0`, `float16` rounded to nearest even), stored in the requested orders.
    ///
    /// - Precondition: `doubles.count` is the product of `shape`.
    public init(
        shape: [Int], dtype: NpyDType, doubles: [Double], fortranOrder: Bool = false, isLittleEndian: Bool = true
    ) {
        let count = NpyArray.elementCount(shape)
        precondition(doubles.count == count, "NpyArray: \(doubles.count) values for shape \(NpyArray.describe(shape))")
        let order = fortranOrder ? NpyArray.cOrderToStorage(shape: shape) : nil
        var stored = doubles
        if let order { for (cIndex, storageIndex) in order.enumerated() { stored[storageIndex] = doubles[cIndex] } }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * dtype.itemSize)
        for value in stored {
            NpyArray.append(NpyArray.encode(value, as: dtype), size: dtype.itemSize, littleEndian: isLittleEndian, to: &bytes)
        }
        self.shape = shape
        self.dtype = dtype
        self.fortranOrder = fortranOrder
        self.isLittleEndian = dtype.itemSize == 1 ? true : isLittleEndian
        self.data = bytes
    }

    /// `(2, 3)` as NumPy prints a shape.
    static func describe(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    static func elementCount(_ shape: [Int]) -> Int { shape.reduce(1, *) }

    /// The byte count of an array, checking every multiplication for overflow.
    static func byteCount(shape: [Int], dtype: NpyDType, file: String) throws(FormatError) -> Int {
        var total = dtype.itemSize
        for dimension in shape {
            guard dimension >= 0 else {
                throw FormatError(.invalid, file: file, expected: "non-negative dimensions", found: "shape \(describe(shape))")
            }
            let (product, overflow) = total.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw FormatError(.invalid, file: file, expected: "a shape whose size fits in memory", found: "shape \(describe(shape))")
            }
            total = product
        }
        return total
    }

    static func append(_ bits: UInt64, size: Int, littleEndian: Bool, to bytes: inout [UInt8]) {
        for i in 0..<size {
            let shift = littleEndian ? 8 * i : 8 * (size - 1 - i)
            bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
        }
    }
}
