import BackpropIO
import BackpropMatrix

/// Stored elements of a dataset or attribute, as bytes in the file's layout, with the
/// conversions to Swift values.
struct ElementBlock {
    var bytes: [UInt8]
    var datatype: HDF5Datatype
    var elementSize: Int
    var shape: [Int]
    var origin: UInt64
    var file: HDF5File
    var objectPath: String

    var count: Int { elementSize > 0 ? bytes.count / elementSize : 0 }

    func mismatch(_ wanted: String) -> HDF5Error {
        HDF5Error(.typeMismatch, file: file.path, objectPath: objectPath, found: "cannot read \(datatype) as \(wanted)")
    }

    /// Numbers converted to `T` (integers through `Int64`/`UInt64`, floats through `Double`,
    /// float16 decoded by hand). `Double` and `Float` take concrete (specialised) loops.
    func convert<T: MatrixScalar>(to type: T.Type) throws(HDF5Error) -> [T] {
        if T.self == Double.self { return unsafeBitCast(try convertConcrete(to: Double.self), to: [T].self) }
        if T.self == Float.self { return unsafeBitCast(try convertConcrete(to: Float.self), to: [T].self) }
        return try convertConcrete(to: T.self)
    }

    @inline(__always)
    private func convertConcrete<T: MatrixScalar>(to type: T.Type) throws(HDF5Error) -> [T] {
        let n = count
        switch datatype {
        case .integer(let size, let signed, let bigEndian):
            if size == 1 {
                return bytes.withUnsafeBufferPointer { source in
                    [T](unsafeUninitializedCapacity: n) { out, initialized in
                        if signed {
                            for i in 0..<n { out[i] = T(Int8(bitPattern: source[i])) }
                        } else {
                            for i in 0..<n { out[i] = T(source[i]) }
                        }
                        initialized = n
                    }
                }
            }
            return bytes.withUnsafeBufferPointer { source in
                [T](unsafeUninitializedCapacity: n) { out, initialized in
                    for i in 0..<n {
                        let raw = ElementBlock.load(source, at: i * size, size: size, bigEndian: bigEndian)
                        out[i] = signed ? T(ElementBlock.signExtend(raw, size: size)) : T(raw)
                    }
                    initialized = n
                }
            }
        case .float(let size, let bigEndian):
            return bytes.withUnsafeBufferPointer { source in
                [T](unsafeUninitializedCapacity: n) { out, initialized in
                    for i in 0..<n {
                        let raw = ElementBlock.load(source, at: i * size, size: size, bigEndian: bigEndian)
                        switch size {
                        case 2: out[i] = T(halfToFloat(UInt16(truncatingIfNeeded: raw)))
                        case 4: out[i] = T(Float(bitPattern: UInt32(truncatingIfNeeded: raw)))
                        default: out[i] = T(Double(bitPattern: raw))
                        }
                    }
                    initialized = n
                }
            }
        default:
            throw mismatch(String(describing: T.self))
        }
    }

    /// Integers as `Int64`.
    func int64() throws(HDF5Error) -> [Int64] {
        try integers(as: "Int64") { i, raw, signedValue throws(HDF5Error) in
            if let signedValue { return signedValue }
            guard raw <= UInt64(Int64.max) else {
                throw HDF5Error(.sizeTooLarge, file: file.path, objectPath: objectPath,
                                found: "element \(i) is \(raw), above Int64.max; use readUInt64()")
            }
            return Int64(raw)
        }
    }

    /// Unsigned integers as `UInt64` (signed values must not be negative).
    func uint64() throws(HDF5Error) -> [UInt64] {
        try integers(as: "UInt64") { i, raw, signedValue throws(HDF5Error) in
            if let signedValue, signedValue < 0 {
                throw HDF5Error(.sizeTooLarge, file: file.path, objectPath: objectPath, found: "element \(i) is negative")
            }
            return raw
        }
    }

    /// Each integer element converted by `convert(index, raw bits, sign-extended value if the
    /// type is signed)`; `.typeMismatch` naming `name` unless the datatype is an integer.
    private func integers<R>(
        as name: String, _ convert: (Int, UInt64, Int64?) throws(HDF5Error) -> R
    ) throws(HDF5Error) -> [R] {
        guard case .integer(let size, let signed, let bigEndian) = datatype else { throw mismatch(name) }
        var result: [R] = []
        result.reserveCapacity(count)
        for i in 0..<count {
            let raw = bytes.withUnsafeBufferPointer { ElementBlock.load($0, at: i * size, size: size, bigEndian: bigEndian) }
            result.append(try convert(i, raw, signed ? ElementBlock.signExtend(raw, size: size) : nil))
        }
        return result
    }

    /// Strings: fixed-length ones without their padding, variable-length ones from the global heap.
    func strings() throws(HDF5Error) -> [String] {
        switch datatype {
        case .fixedString(let length, let padding, _):
            var result: [String] = []
            result.reserveCapacity(count)
            for i in 0..<count {
                var slice = bytes[i * length..<(i + 1) * length]
                switch padding {
                case .nullTerminated: slice = slice.prefix { $0 != 0 }
                case .nullPadded: while slice.last == 0 { slice = slice.dropLast() }
                case .spacePadded: while slice.last == 0x20 || slice.last == 0 { slice = slice.dropLast() }
                }
                result.append(String(decoding: slice, as: UTF8.self))
            }
            return result
        case .variableString(let padding, _):
            let reader = file.reader
            var heap = GlobalHeap(reader: reader)
            var result: [String] = []
            do throws(HDF5Error) {
                for i in 0..<count {
                    var c = reader.cursor(over: Array(bytes[i * elementSize..<(i + 1) * elementSize]),
                                          origin: origin &+ UInt64(i * elementSize), structure: "variable-length string")
                    let length = Int(try c.uint32())
                    let collection = try c.address()
                    let index = UInt64(try c.uint32())
                    guard length > 0, let collection else { result.append(""); continue }
                    let object = try heap.object(collection: collection, index: index)
                    guard length <= object.count else {
                        throw c.error(.malformed, "string of \(length) bytes in a heap object of \(object.count)", at: 0)
                    }
                    var slice = object[0..<length]
                    if padding == .nullTerminated { slice = slice.prefix { $0 != 0 } }
                    result.append(String(decoding: slice, as: UTF8.self))
                }
            } catch {
                throw error.at(object: objectPath)
            }
            return result
        default:
            throw mismatch("String")
        }
    }

    /// Every value as text (for listings).
    func formatted() throws(HDF5Error) -> [String] {
        switch datatype {
        case .integer(_, let signed, _):
            return signed ? try int64().map { String($0) } : try uint64().map { String($0) }
        case .float:
            return try convert(to: Double.self).map { String($0) }
        case .fixedString, .variableString:
            return try strings()
        case .unsupported:
            throw mismatch("text")
        }
    }

    @inline(__always)
    static func load(_ source: UnsafeBufferPointer<UInt8>, at offset: Int, size: Int, bigEndian: Bool) -> UInt64 {
        var value: UInt64 = 0
        if bigEndian {
            for k in 0..<size { value = value << 8 | UInt64(source[offset + k]) }
        } else {
            for k in stride(from: size - 1, through: 0, by: -1) { value = value << 8 | UInt64(source[offset + k]) }
        }
        return value
    }

    @inline(__always)
    static func signExtend(_ raw: UInt64, size: Int) -> Int64 {
        let shift = UInt64(64 - 8 * size)
        return Int64(bitPattern: raw << shift) >> Int64(shift)
    }
}

