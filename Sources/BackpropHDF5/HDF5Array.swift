/// A number type ``HDF5Writer`` stores: `UInt8`…`UInt64`, `Int8`…`Int64`, `Int` (as int64),
/// `Float` and `Double`, each written little-endian with its ``hdf5Datatype``.
public protocol HDF5WritableScalar: Sendable {
    /// The datatype the values are stored as (`uint8`, `int64`, `float32`…).
    static var hdf5Datatype: HDF5Datatype { get }
}

extension UInt8: HDF5WritableScalar { public static var hdf5Datatype: HDF5Datatype { .integer(size: 1, signed: false, bigEndian: false) } }
extension UInt16: HDF5WritableScalar { public static var hdf5Datatype: HDF5Datatype { .integer(size: 2, signed: false, bigEndian: false) } }
extension UInt32: HDF5WritableScalar { public static var hdf5Datatype: HDF5Datatype { .integer(size: 4, signed: false, bigEndian: false) } }
extension UInt64: HDF5WritableScalar { public static var hdf5Datatype: HDF5Datatype { .integer(size: 8, signed: false, bigEndian: false) } }
extension Int8: HDF5WritableScalar { public static var hdf5Datatype: HDF5Datatype { .integer(size: 1, signed: true, bigEndian: false) } }
extension Int16: HDF5WritableScalar { public static var hdf5Datatype: HDF5Datatype { .integer(size: 2, signed: true, bigEndian: false) } }
extension Int32: HDF5WritableScalar { public static var hdf5Datatype: HDF5Datatype { .integer(size: 4, signed: true, bigEndian: false) } }
extension Int64: HDF5WritableScalar { public static var hdf5Datatype: HDF5Datatype { .integer(size: 8, signed: true, bigEndian: false) } }
extension Int: HDF5WritableScalar { public static var hdf5Datatype: HDF5Datatype { .integer(size: MemoryLayout<Int>.size, signed: true, bigEndian: false) } }
extension Float: HDF5WritableScalar { public static var hdf5Datatype: HDF5Datatype { .float(size: 4, bigEndian: false) } }
extension Double: HDF5WritableScalar { public static var hdf5Datatype: HDF5Datatype { .float(size: 8, bigEndian: false) } }

/// The values of a dataset or attribute to write: their element type, their shape and their
/// bytes, little-endian in row-major (C) order, as NumPy holds an array.
///
/// ```swift
/// let x = HDF5Array(pixels, shape: [209, 64, 64, 3])        // uint8, like train_set_x
/// let y = HDF5Array(labels.map(Int64.init), shape: [209])   // int64
/// let classes = HDF5Array(strings: ["non-cat", "cat"])      // |S7, like list_classes
/// ```
public struct HDF5Array: Sendable, Equatable {
    /// The element type: a little-endian ``HDF5Datatype/integer(size:signed:bigEndian:)`` or
    /// ``HDF5Datatype/float(size:bigEndian:)``, or a ``HDF5Datatype/fixedString(length:padding:utf8:)``.
    public let datatype: HDF5Datatype
    /// The dimensions; `[]` for a scalar.
    public let shape: [Int]
    /// The elements' bytes, row-major: `shape.product × datatype.size` of them.
    public let bytes: [UInt8]

    /// The number of elements (1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }

    /// An array of `values` with dimensions `shape` (row-major; `[]` for a scalar).
    ///
    /// - Precondition: `values.count` equals the product of `shape`, every dimension ≥ 0.
    public init<T: HDF5WritableScalar>(_ values: [T], shape: [Int]) {
        let count = HDF5Array.checkedCount(shape)
        precondition(values.count == count, "HDF5Array: \(values.count) values for shape \(shape) (\(count) elements)")
        var data = values.withUnsafeBytes { Array($0) }
        #if _endian(big)
        data = HDF5Array.swapped(data, size: T.hdf5Datatype.size)
        #endif
        self.init(datatype: T.hdf5Datatype, shape: shape, bytes: data)
    }

    /// A one-dimensional array of `values`.
    public init<T: HDF5WritableScalar>(_ values: [T]) { self.init(values, shape: [values.count]) }

    /// A scalar (shape `[]`).
    public init<T: HDF5WritableScalar>(scalar value: T) { self.init([value], shape: []) }

    /// Fixed-length strings (HDF5 class string, NumPy `|S<length>`): each string's UTF-8 bytes
    /// padded with NUL to `length` bytes, as h5py stores a NumPy bytes array.
    ///
    /// - Parameters:
    ///   - strings: the strings, row-major.
    ///   - shape: the dimensions (default: `[strings.count]`).
    ///   - length: bytes per element (default: the longest string's, at least 1).
    ///   - utf8: whether the character set is UTF-8 (default: only when a string is not ASCII).
    /// - Precondition: `strings.count` matches `shape`; no string is longer than `length` bytes.
    public init(strings: [String], shape: [Int]? = nil, length: Int? = nil, utf8: Bool? = nil) {
        let shape = shape ?? [strings.count]
        let count = HDF5Array.checkedCount(shape)
        precondition(strings.count == count, "HDF5Array: \(strings.count) strings for shape \(shape) (\(count) elements)")
        let encoded = strings.map { Array($0.utf8) }
        let width = length ?? max(1, encoded.map(\.count).max() ?? 1)
        precondition(width >= 1, "HDF5Array: string length \(width)")
        var data: [UInt8] = []
        data.reserveCapacity(width * count)
        for string in encoded {
            precondition(string.count <= width, "HDF5Array: a string of \(string.count) bytes is longer than \(width)")
            data += string
            data += repeatElement(0, count: width - string.count)
        }
        let isUTF8 = utf8 ?? encoded.contains { $0.contains { $0 >= 0x80 } }
        self.init(datatype: .fixedString(length: width, padding: .nullPadded, utf8: isUTF8), shape: shape, bytes: data)
    }

    /// A scalar fixed-length string.
    public init(string: String) { self.init(strings: [string], shape: []) }

    /// An array of raw little-endian `bytes` of `datatype` (integer, float or fixed-length
    /// string) with dimensions `shape`.
    ///
    /// - Precondition: `datatype` is one of those, little-endian, and `bytes.count` is the
    ///   product of `shape` times its size.
    public init(datatype: HDF5Datatype, shape: [Int], bytes: [UInt8]) {
        switch datatype {
        case .integer(let size, _, false): precondition([1, 2, 4, 8].contains(size), "HDF5Array: integer of \(size) bytes")
        case .float(let size, false): precondition([2, 4, 8].contains(size), "HDF5Array: float of \(size) bytes")
        case .fixedString(let length, _, _): precondition(length >= 1, "HDF5Array: string length \(length)")
        default: preconditionFailure("HDF5Array: cannot write \(datatype)")
        }
        let count = HDF5Array.checkedCount(shape)
        precondition(bytes.count == count * datatype.size,
                     "HDF5Array: \(bytes.count) bytes for shape \(shape) of \(datatype) (\(count * datatype.size) bytes)")
        self.datatype = datatype
        self.shape = shape
        self.bytes = bytes
    }

    private static func checkedCount(_ shape: [Int]) -> Int {
        precondition(shape.allSatisfy { $0 >= 0 } && shape.count <= Dataspace.maximumRank, "HDF5Array: shape \(shape)")
        return shape.reduce(1) { product, d in
            let (result, overflow) = product.multipliedReportingOverflow(by: d)
            precondition(!overflow, "HDF5Array: shape \(shape) overflows")
            return result
        }
    }

    #if _endian(big)
    private static func swapped(_ data: [UInt8], size: Int) -> [UInt8] {
        var out = data
        for start in stride(from: 0, to: data.count, by: size) { out[start..<start + size].reverse() }
        return out
    }
    #endif
}
