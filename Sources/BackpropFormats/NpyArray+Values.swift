import BackpropIO
import BackpropMatrix

extension NpyArray {
    /// The elements in C (row-major) order, converted to `T`, whatever the stored order, byte
    /// order and dtype (`bool` gives 0 and 1; 64-bit integers beyond 2^53 round).
    ///
    /// For a Fortran-ordered array of shape (2, 3) this reads the stored column-major bytes and
    /// returns the six values row by row, as `arr.ravel(order='C')` does.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func values<T: MatrixScalar>(as type: T.Type = T.self) -> [T] {
        if let direct = floatValues(as: T.self) { return direct }
        let raw = rawValues()
        var result = [T]()
        result.reserveCapacity(raw.count)
        for bits in raw { result.append(T(NpyArray.decode(bits, as: dtype))) }
        return result
    }

    /// The elements in C order as exact integers, for labels and class indices.
    ///
    /// - Throws: ``FormatError`` (`.mismatch`) for a float element that is not a whole number
    ///   (or is outside the `Int64` range) and for a `uint64` element above `Int64.max`.
    public func integers(file: String = "<bytes>") throws(FormatError) -> [Int64] {
        var result = [Int64]()
        result.reserveCapacity(count)
        for (index, bits) in rawValues().enumerated() {
            let value: Int64?
            switch dtype {
            case .bool, .uint8, .uint16, .uint32: value = Int64(bits)
            case .uint64: value = Int64(exactly: bits)
            case .int8: value = Int64(Int8(truncatingIfNeeded: bits))
            case .int16: value = Int64(Int16(truncatingIfNeeded: bits))
            case .int32: value = Int64(Int32(truncatingIfNeeded: bits))
            case .int64: value = Int64(bitPattern: bits)
            case .float16, .float32, .float64: value = Int64(exactly: NpyArray.decode(bits, as: dtype))
            }
            guard let value else {
                throw FormatError(
                    .mismatch, file: file, expected: "whole numbers (labels)",
                    found: "\(NpyArray.decode(bits, as: dtype)) at element \(index)")
            }
            result.append(value)
        }
        return result
    }

    /// The array as a matrix, following `np.atleast_2d`: a 0-d array is (1, 1), a vector of
    /// n elements is (1, n) (a row, as the course's labels `Y` are (1, m)), a 2-d array keeps
    /// its shape.
    ///
    /// - Throws: ``FormatError`` (`.mismatch`) for an array of more than 2 dimensions; flatten
    ///   it first (``Dataset`` does so for image arrays).
    public func matrix<T: MatrixScalar>(as type: T.Type = T.self, file: String = "<bytes>") throws(FormatError) -> Matrix<T> {
        let rows: Int, columns: Int
        switch shape.count {
        case 0: (rows, columns) = (1, 1)
        case 1: (rows, columns) = (1, shape[0])
        case 2: (rows, columns) = (shape[0], shape[1])
        default:
            throw FormatError(
                .mismatch, file: file, expected: "an array of at most 2 dimensions for a matrix",
                found: "shape \(NpyArray.describe(shape))")
        }
        return Matrix(rows: rows, columns: columns, elements: values(as: T.self))
    }

    /// The storage index of each element in C order: `result[cIndex] = storageIndex`.
    /// For C order this is the identity; for Fortran order the strides run first axis fastest.
    static func cOrderToStorage(shape: [Int]) -> [Int] {
        let count = elementCount(shape)
        guard count > 0 else { return [] }
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in shape.indices.dropFirst() { strides[axis] = strides[axis - 1] * shape[axis - 1] }
        var result = [Int](repeating: 0, count: count)
        var index = [Int](repeating: 0, count: shape.count)
        var offset = 0
        for cIndex in 0..<count {
            result[cIndex] = offset
            // Odometer increment over the C-order index, last axis fastest.
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                offset += strides[axis]
                if index[axis] < shape[axis] { break }
                offset -= strides[axis] * index[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }

    /// The elements read straight from the bytes when they are float32 or float64, stored
    /// little-endian in C order on a little-endian machine (what NumPy writes by default), else
    /// `nil`. One pass, without the 8-byte bit pattern per element of ``rawValues()``: a
    /// (60000, 784) float32 file took about 2.7 s the general way.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func floatValues<T: MatrixScalar>(as _: T.Type) -> [T]? {
        let n = count
        guard readsFloatsDirectly else { return nil }
        let single = dtype == .float32
        return data.withUnsafeBytes { bytes in
            [T](unsafeUninitializedCapacity: n) { out, initialized in
                if single {
                    for i in 0..<n { out[i] = T(bytes.loadUnaligned(fromByteOffset: i &* 4, as: Float.self)) }
                } else {
                    for i in 0..<n { out[i] = T(bytes.loadUnaligned(fromByteOffset: i &* 8, as: Double.self)) }
                }
                initialized = n
            }
        }
    }

    /// Whether ``floatValues(as:)`` and ``floatColumns(examples:features:as:)`` read the
    /// elements straight from the bytes: float32 or float64, little-endian, in C order, on a
    /// little-endian machine, and the bytes hold every element.
    var readsFloatsDirectly: Bool {
        isLittleEndian && 1.littleEndian == 1 && !(fortranOrder && shape.count > 1)
            && (dtype == .float32 || dtype == .float64) && data.count >= count * dtype.itemSize
    }

    /// The elements, m examples of n values each in C order (examples first), as the columns
    /// of an (n, m) matrix: the transpose of (m, n), read straight from the bytes a 32 × 32
    /// tile at a time, without the (m, n) copy of ``floatValues(as:)`` in between (a (60000,
    /// 784) float32 file loaded as float64 needed 376 MB for that copy). The same values, bit
    /// for bit, as `Matrix(rows: m, columns: n, elements: floatValues(as:)).transposed`. `nil`
    /// when the bytes cannot be read directly (``readsFloatsDirectly``), `m · n` is not the
    /// element count, or either is zero.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func floatColumns<T: MatrixScalar>(examples m: Int, features n: Int, as _: T.Type) -> Matrix<T>? {
        let (product, overflow) = m.multipliedReportingOverflow(by: n)
        guard readsFloatsDirectly, m > 0, n > 0, !overflow, product == count else { return nil }
        let elements = data.withUnsafeBytes { bytes in
            ContiguousArray<T>(unsafeUninitializedCapacity: count) { out, initialized in
                if dtype == .float32 {
                    Self.transposeTiles(from: bytes, as: Float.self, into: out, examples: m, features: n)
                } else {
                    Self.transposeTiles(from: bytes, as: Double.self, into: out, examples: m, features: n)
                }
                initialized = count
            }
        }
        return Matrix(rows: n, columns: m, elements: elements)
    }

    /// out[f · m + e] = T(source element e · n + f) for every example e < m and value f < n,
    /// 32 × 32 tiles at a time (a tile's 32 source rows and 32 output rows stay in L1).
    @inline(__always)
    private static func transposeTiles<Source: BinaryFloatingPoint, T: MatrixScalar>(
        from bytes: UnsafeRawBufferPointer, as _: Source.Type, into out: UnsafeMutableBufferPointer<T>, examples m: Int, features n: Int
    ) {
        let tile = 32, size = MemoryLayout<Source>.size
        for e0 in stride(from: 0, to: m, by: tile) {
            let e1 = Swift.min(e0 + tile, m)
            for f0 in stride(from: 0, to: n, by: tile) {
                for f in f0..<Swift.min(f0 + tile, n) {
                    for e in e0..<e1 {
                        out[f &* m &+ e] = T(bytes.loadUnaligned(fromByteOffset: (e &* n &+ f) &* size, as: Source.self))
                    }
                }
            }
        }
    }

    /// The elements as raw bit patterns (native order) in C order.
    func rawValues() -> [UInt64] {
        let size = dtype.itemSize
        let order = fortranOrder && shape.count > 1 ? NpyArray.cOrderToStorage(shape: shape) : nil
        var result = [UInt64]()
        result.reserveCapacity(count)
        data.withUnsafeBufferPointer { buffer in
            for cIndex in 0..<count {
                let start = (order?[cIndex] ?? cIndex) * size
                var bits: UInt64 = 0
                if isLittleEndian {
                    for i in (0..<size).reversed() { bits = bits << 8 | UInt64(buffer[start + i]) }
                } else {
                    for i in 0..<size { bits = bits << 8 | UInt64(buffer[start + i]) }
                }
                result.append(bits)
            }
        }
        return result
    }

    /// The value of one element's bit pattern.
    static func decode(_ bits: UInt64, as dtype: NpyDType) -> Double {
        switch dtype {
        case .bool: bits != 0 ? 1 : 0
        case .uint8, .uint16, .uint32, .uint64: Double(bits)
        case .int8: Double(Int8(truncatingIfNeeded: bits))
        case .int16: Double(Int16(truncatingIfNeeded: bits))
        case .int32: Double(Int32(truncatingIfNeeded: bits))
        case .int64: Double(Int64(bitPattern: bits))
        case .float16: Double(halfToFloat(UInt16(truncatingIfNeeded: bits)))
        case .float32: Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
        case .float64: Double(bitPattern: bits)
        }
    }

    /// The bit pattern of `value` converted to `dtype` (see `init(shape:dtype:doubles:)`).
    static func encode(_ value: Double, as dtype: NpyDType) -> UInt64 {
        func integer(_ low: Double, _ high: Double) -> Double {
            value.isNaN ? 0 : Swift.min(Swift.max(value.rounded(.towardZero), low), high)
        }
        switch dtype {
        case .bool: return value != 0 ? 1 : 0
        case .int8: return UInt64(truncatingIfNeeded: Int64(integer(-128, 127)))
        case .int16: return UInt64(truncatingIfNeeded: Int64(integer(-32768, 32767)))
        case .int32: return UInt64(truncatingIfNeeded: Int64(integer(-2147483648, 2147483647)))
        case .int64: return UInt64(bitPattern: value >= 0x1p63 ? .max : Int64(integer(-0x1p63, 0x1p63)))
        case .uint8: return UInt64(integer(0, 255))
        case .uint16: return UInt64(integer(0, 65535))
        case .uint32: return UInt64(integer(0, 4294967295))
        case .uint64: return value >= 0x1p64 ? .max : UInt64(integer(0, 0x1p64))
        case .float16: return UInt64(doubleToHalf(value))
        case .float32: return UInt64(Float(value).bitPattern)
        case .float64: return value.bitPattern
        }
    }

    /// Double → IEEE 754 binary16, rounding to nearest even (as NumPy's `astype(np.float16)`).
    static func doubleToHalf(_ value: Double) -> UInt16 {
        let sign: UInt16 = value.sign == .minus ? 0x8000 : 0
        let magnitude = Swift.abs(value)
        if value.isNaN { return 0x7e00 }
        if magnitude >= 65520 { return sign | 0x7c00 }
        if magnitude < 0x1p-14 {
            // Subnormal (or rounds up to the smallest normal, whose bits follow on naturally).
            return sign | UInt16((magnitude * 0x1p24).rounded(.toNearestOrEven))
        }
        var exponent = Int(magnitude.exponent)
        var mantissa = (magnitude * Double(sign: .plus, exponent: 10 - exponent, significand: 1)).rounded(.toNearestOrEven) - 1024
        if mantissa >= 1024 {
            mantissa = 0
            exponent += 1
        }
        if exponent > 15 { return sign | 0x7c00 }
        return sign | UInt16(exponent + 15) << 10 | UInt16(mantissa)
    }
}
