import BackpropIO
import BackpropMatrix

/// Reads and writes NumPy `.npy` files (format versions 1.0, 2.0 and 3.0).
///
/// A `.npy` file is the magic `\x93NUMPY`, a version (major, minor), the header length
/// (2 bytes little-endian in 1.0, 4 bytes in 2.0 and 3.0), a header that is a Python dict
/// literal `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces and
/// a newline to a multiple of 64 bytes, then the raw element bytes.
///
/// The header is read by a small literal parser, never evaluated; object arrays (which NumPy
/// stores pickled), complex, string and structured dtypes are refused with a ``FormatError``.
///
///     let array = try NumPyFile.read(path: "train_x.npy")   // NpyArray
///     let x: Matrix<Double> = try array.matrix()
///     try NumPyFile.write(x, to: "copy.npy")
public enum NumPyFile {
    /// The six magic bytes that open every `.npy` file.
    public static let magic: [UInt8] = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]

    /// Reads the `.npy` file at `path`.
    ///
    /// - Throws: ``FormatError`` naming `path` and the byte offset (truncation, wrong magic,
    ///   bad header, unsupported dtype, data length not matching the shape).
    public static func read(path: String) throws(FormatError) -> NpyArray {
        try read(bytes: FileAccess.read(path, expecting: "a NumPy .npy array", accepting: [.npy]), file: path)
    }

    /// Reads a `.npy` file held in memory; `file` names it in errors.
    ///
    /// - Throws: ``FormatError`` as ``read(path:)``.
    public static func read(bytes: [UInt8], file: String = "<bytes>") throws(FormatError) -> NpyArray {
        let (header, dataOffset) = try preamble(bytes, file: file, acceptingText: false)
        guard case .numeric(let dtype, let littleEndian) = header.element else {
            preconditionFailure("NumPyFile.read: a text header without acceptingText")
        }
        return try NpyArray(
            shape: header.shape, dtype: dtype, fortranOrder: header.fortranOrder,
            isLittleEndian: littleEndian, data: Array(bytes[dataOffset...]), file: file)
    }

    /// Reads a `.npy` file of fixed-length strings held in memory (`|S7` byte strings, `<U5`
    /// UTF-32 strings), as `np.save` writes class names; `file` names it in errors.
    ///
    /// - Throws: ``FormatError`` as ``read(path:)``; `.unsupported` for a numeric array (read it
    ///   with ``read(bytes:file:)``) or any other dtype.
    public static func readStrings(bytes: [UInt8], file: String = "<bytes>") throws(FormatError) -> NpyStringArray {
        let (header, dataOffset) = try preamble(bytes, file: file, acceptingText: true)
        guard case .text(let kind, let length, let littleEndian) = header.element else {
            throw FormatError(.unsupported, file: file, expected: "an array of strings", found: "a numeric array")
        }
        return try NpyStringArray(shape: header.shape, kind: kind, length: length, littleEndian: littleEndian,
                                  data: bytes[dataOffset...], file: file)
    }

    /// The header of `.npy` bytes and the offset of the element bytes after it.
    static func preamble(_ bytes: [UInt8], file: String, acceptingText: Bool) throws(FormatError) -> (Header, Int) {
        var reader = ByteReader(bytes, file: file)
        let found = try reader.bytes(6, "the .npy magic")
        guard Array(found) == magic else {
            throw reader.error(.invalid, expected: "the .npy magic \\x93NUMPY", found: hexBytes(found), at: 0)
        }
        let major = try reader.uint8("the format version")
        let minor = try reader.uint8("the format version")
        let headerLength: Int
        switch (major, minor) {
        case (1, 0): headerLength = Int(try reader.uint16("the header length"))
        case (2, 0), (3, 0): headerLength = Int(try reader.uint32("the header length"))
        default:
            // NumPy has only ever written these three: another version byte is damage.
            throw reader.error(.invalid, expected: "format version 1.0, 2.0 or 3.0 (the only ones NumPy writes)", found: "\(major).\(minor)", at: 6)
        }
        let headerOffset = reader.position
        let headerBytes = try reader.bytes(headerLength, "the header")
        // Versions 1 and 2 store the header in latin-1, version 3 in UTF-8.
        let text = major == 3
            ? String(decoding: headerBytes, as: UTF8.self)
            : String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))
        return (try Header(parsing: text, file: file, offset: headerOffset, acceptingText: acceptingText), reader.position)
    }

    /// Writes `array` to `path` as a `.npy` file (see ``encode(_:version:)``).
    ///
    /// - Throws: ``FormatError`` (`.unwritable`) when the file cannot be written.
    public static func write(_ array: NpyArray, to path: String) throws(FormatError) {
        try FileAccess.write(encode(array), to: path)
    }

    /// Writes a matrix as a 2-d C-ordered `float32` (`Float`) or `float64` (`Double`) array of
    /// shape (rows, columns), readable by `np.load`.
    public static func write<T: MatrixScalar>(_ matrix: Matrix<T>, to path: String) throws(FormatError) {
        try write(NpyArray(matrix), to: path)
    }

    /// Writes `int64` values of any shape (labels, indices).
    ///
    /// - Precondition: `values.count` is the product of `shape`.
    public static func write(_ values: [Int64], shape: [Int], to path: String) throws(FormatError) {
        try write(NpyArray(shape: shape, values: values), to: path)
    }

    /// Writes `uint8` values of any shape (images).
    ///
    /// - Precondition: `values.count` is the product of `shape`.
    public static func write(_ values: [UInt8], shape: [Int], to path: String) throws(FormatError) {
        try write(NpyArray(shape: shape, values: values), to: path)
    }

    /// The bytes of a `.npy` file holding `array`, laid out as NumPy's `np.save` lays them out
    /// (header padded with spaces and `\n` so the data starts at a multiple of 64 bytes).
    ///
    /// - Parameters:
    ///   - array: the array to encode.
    ///   - version: 1 or 2 (3 is only needed for non-latin-1 headers, which Backprop
    ///     never writes, but is accepted); nil picks 1.0 unless the header needs more than
    ///     65535 bytes, as NumPy does.
    public static func encode(_ array: NpyArray, version: Int? = nil) -> [UInt8] {
        header(shape: array.shape, dtype: array.dtype, fortranOrder: array.fortranOrder, littleEndian: array.isLittleEndian,
               version: version) + array.data
    }

    /// The magic, version, header length and padded header of a `.npy` file of `shape` and
    /// `dtype`: what precedes the element bytes, for a writer that writes them in pieces (a
    /// file larger than memory).
    ///
    /// - Parameters:
    ///   - shape: the array's dimensions.
    ///   - dtype: the element type.
    ///   - fortranOrder: whether the elements will be written column-major.
    ///   - littleEndian: the byte order of the elements that will follow.
    ///   - version: as ``encode(_:version:)``.
    public static func header(shape: [Int], dtype: NpyDType, fortranOrder: Bool = false, littleEndian: Bool = true,
                              version: Int? = nil) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        let dictionary = "{'descr': '\(dtype.descr(littleEndian: littleEndian))', "
            + "'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
        func padded(prefixLength: Int) -> [UInt8] {
            var header = Array(dictionary.utf8)
            let unpadded = prefixLength + header.count + 1
            header += [UInt8](repeating: 0x20, count: (64 - unpadded % 64) % 64)
            header.append(0x0a)
            return header
        }
        let chosen = version ?? (padded(prefixLength: 10).count > 65535 ? 2 : 1)
        precondition((1...3).contains(chosen), "NumPyFile.header: version \(chosen) is not 1, 2 or 3")
        let header = padded(prefixLength: chosen == 1 ? 10 : 12)
        var bytes = magic + [UInt8(chosen), 0]
        NpyArray.append(UInt64(header.count), size: chosen == 1 ? 2 : 4, littleEndian: true, to: &bytes)
        return bytes + header
    }

    /// The three entries of a `.npy` header.
    struct Header {
        /// What one element is.
        enum Element {
            case numeric(NpyDType, littleEndian: Bool)
            case text(NpyStringArray.Kind, length: Int, littleEndian: Bool)
        }
        var element: Element
        var fortranOrder: Bool
        var shape: [Int]

        /// Parses a header's dictionary; string dtypes are accepted only when `acceptingText`.
        init(parsing text: String, file: String, offset: Int, acceptingText: Bool = false) throws(FormatError) {
            func invalid(_ expected: String, _ found: String) -> FormatError {
                FormatError(.invalid, file: file, at: .byte(offset), expected: expected, found: found)
            }
            guard case .dictionary(let entries) = try PythonLiteral.parse(text, file: file, baseOffset: offset) else {
                throw invalid("a header dictionary", quoted(text))
            }
            let keys = entries.map(\.key).sorted()
            guard keys == ["descr", "fortran_order", "shape"] else {
                throw invalid("the keys 'descr', 'fortran_order' and 'shape'", keys.map { "'\($0)'" }.joined(separator: ", "))
            }
            let values = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value) })
            switch values["descr"] {
            case .string(let descr)?:
                do {
                    if acceptingText, let string = NpyStringArray.Kind.parse(descr: descr) {
                        element = .text(string.kind, length: string.length, littleEndian: string.littleEndian)
                    } else {
                        let (dtype, littleEndian) = try NpyDType.parse(descr: descr, file: file)
                        element = .numeric(dtype, littleEndian: littleEndian)
                    }
                } catch {
                    var located = error
                    located.location = .byte(offset)
                    throw located
                }
            case .list?:
                throw FormatError(
                    .unsupported, file: file, at: .byte(offset),
                    expected: "a numeric dtype", found: "a structured dtype (a list of fields)")
            default: throw invalid("'descr' to be a dtype string", "\(String(describing: values["descr"]!))")
            }
            guard case .boolean(let fortran)? = values["fortran_order"] else {
                throw invalid("'fortran_order' to be True or False", "\(String(describing: values["fortran_order"]!))")
            }
            fortranOrder = fortran
            guard case .tuple(let dimensions)? = values["shape"] else {
                throw invalid("'shape' to be a tuple of integers", "\(String(describing: values["shape"]!))")
            }
            var shape: [Int] = []
            for dimension in dimensions {
                guard case .integer(let size) = dimension, size >= 0 else {
                    throw invalid("'shape' to hold non-negative integers", "\(dimension)")
                }
                shape.append(size)
            }
            guard shape.count <= 32 else { throw invalid("at most 32 dimensions (NumPy's limit)", "\(shape.count)") }
            self.shape = shape
        }
    }
}
