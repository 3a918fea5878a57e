import BackpropIO

/// Reads IDX files, the format of the MNIST and Fashion-MNIST distributions, plain or
/// gzip-compressed (`train-images-idx3-ubyte.gz`).
///
/// An IDX file is two zero bytes, a type code (0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32,
/// 0x0D float32, 0x0E float64), the number of dimensions, each dimension as a big-endian
/// 32-bit integer, then the big-endian elements in C order. It is returned as an ``NpyArray``
/// (big-endian, C order), so the same conversions apply.
public enum IDXFile {
    /// Reads the IDX file at `path`, gunzipping it first when it is gzip-compressed.
    ///
    /// - Throws: ``FormatError``: wrong magic, unknown type code, truncated header, a data
    ///   length that does not match the dimensions, or a bad gzip stream.
    public static func read(path: String) throws(FormatError) -> NpyArray {
        try read(bytes: FileAccess.read(path, expecting: "an MNIST IDX file", accepting: [.gzip]), file: path)
    }

    /// Reads IDX bytes held in memory (plain or gzip-compressed); `file` names them in errors.
    public static func read(bytes: [UInt8], file: String = "<bytes>") throws(FormatError) -> NpyArray {
        let plain = try gunzipIfNeeded(bytes, file: file)
        var reader = ByteReader(plain, file: file)
        let (dtype, shape) = try header(&reader)
        let expected = try NpyArray.byteCount(shape: shape, dtype: dtype, file: file)
        guard expected == reader.remaining else {
            throw FormatError(
                expected > reader.remaining ? .truncated : .mismatch, file: file, at: .byte(reader.position),
                expected: "\(expected) bytes of data for shape \(NpyArray.describe(shape))", found: "\(reader.remaining) bytes")
        }
        return try NpyArray(shape: shape, dtype: dtype, isLittleEndian: false, data: Array(plain[reader.position...]), file: file)
    }

    /// The element type and shape of an IDX header, leaving `reader` at the first element.
    ///
    /// - Throws: ``FormatError`` for a wrong magic, an unknown type code or a truncated header.
    static func header(_ reader: inout ByteReader<FormatReadContext>) throws(FormatError) -> (NpyDType, [Int]) {
        let zeros = try reader.bytes(2, "the IDX magic")
        guard zeros.allSatisfy({ $0 == 0 }) else {
            throw reader.error(.invalid, expected: "an IDX file (starting with two zero bytes)", found: hexBytes(zeros), at: 0)
        }
        let code = try reader.uint8("the IDX type code")
        let types: [UInt8: NpyDType] = [0x08: .uint8, 0x09: .int8, 0x0b: .int16, 0x0c: .int32, 0x0d: .float32, 0x0e: .float64]
        guard let dtype = types[code] else {
            throw reader.error(.invalid, expected: "an IDX type code (08, 09, 0B, 0C, 0D or 0E)", found: hexBytes([code]), at: 2)
        }
        let dimensionCount = Int(try reader.uint8("the number of dimensions"))
        var shape: [Int] = []
        for _ in 0..<dimensionCount { shape.append(Int(try reader.uint32("a dimension", order: .bigEndian))) }
        return (dtype, shape)
    }
}
