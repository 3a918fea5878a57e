import BackpropIO

/// A safetensors file: named tensors plus an optional string-to-string `__metadata__` map.
///
/// The format (Hugging Face, https://github.com/huggingface/safetensors):
///
///     bytes 0..<8     N, the header length, unsigned 64-bit little-endian
///     bytes 8..<8+N   a UTF-8 JSON object (may end with spaces):
///                       {"__metadata__": {"key": "value", ...},
///                        "<name>": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...}
///     bytes 8+N...    the data buffer; each tensor's bytes are buffer[begin..<end], little-endian,
///                     row-major
///
/// Loading checks everything the format requires, throwing a ``FormatError`` naming the file, the
/// byte offset and what was found: the header length fits the file (and ``maximumHeaderSize``),
/// the header is valid JSON starting with `{`, every entry has a known dtype, a non-negative shape
/// and two offsets, no name appears twice, `end - begin == shape.product × dtype size`, and the
/// tensors, sorted by offset, tile the whole buffer with no gap, overlap or trailing bytes.
///
/// The tensor order is kept as written (``tensors``); lookups by name use ``subscript(_:)``.
public struct SafeTensorsFile: Sendable, Equatable {
    /// The largest header accepted, 100 MB (the reference implementation's limit).
    public static let maximumHeaderSize = 100_000_000

    /// The tensors, in the order they appear in the header.
    public var tensors: [SafeTensor]
    /// The `__metadata__` map (empty when the file has none).
    public var metadata: [String: String]

    /// A file from tensors and metadata.
    ///
    /// Precondition: tensor names are distinct and none is `__metadata__`.
    public init(tensors: [SafeTensor], metadata: [String: String] = [:]) {
        precondition(Set(tensors.map(\.name)).count == tensors.count, "SafeTensorsFile: duplicate tensor names")
        precondition(!tensors.contains { $0.name == "__metadata__" }, "SafeTensorsFile: a tensor is named __metadata__")
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The tensor called `name`, or nil.
    public subscript(_ name: String) -> SafeTensor? { tensors.first { $0.name == name } }

    /// The tensor names, in file order.
    public var names: [String] { tensors.map(\.name) }

    /// Reads and validates the file at `path`, which the caller reads as `expected` (for
    /// messages: "a model").
    ///
    /// - Throws: ``FormatError`` naming `path`: `.wrongKind` for a folder or a file of another
    ///   format (`model.safetensors: this is an HDF5 file, not a model`), `.unreadable` when the
    ///   file cannot be read, `.truncated`, `.invalid`, `.mismatch` or `.unsupported` as
    ///   described on the type.
    public static func read(_ path: String, expecting expected: String = "a safetensors file") throws(FormatError) -> SafeTensorsFile {
        try SafeTensorsFile(bytes: try FileAccess.read(path, expecting: expected, accepting: [.safetensors]), file: path)
    }

    /// Parses and validates the bytes of a safetensors file; `file` names it in errors.
    ///
    /// - Throws: ``FormatError`` as described on the type.
    public init(bytes: [UInt8], file: String = "<bytes>") throws(FormatError) {
        guard bytes.count >= 8 else {
            throw FormatError(.truncated, file: file, at: .byte(0), expected: "an 8-byte header length", found: "\(bytes.count) bytes")
        }
        var length: UInt64 = 0
        for k in 0..<8 { length |= UInt64(bytes[k]) << (8 * UInt64(k)) }
        guard length <= UInt64(Self.maximumHeaderSize) else {
            throw FormatError(.invalid, file: file, at: .byte(0), expected: "a header length of at most \(Self.maximumHeaderSize) bytes", found: "\(length)")
        }
        let headerLength = Int(length)
        guard headerLength <= bytes.count - 8 else {
            throw FormatError(.truncated, file: file, at: .byte(0), expected: "a header of \(headerLength) bytes", found: "\(bytes.count - 8) bytes after the length")
        }
        guard headerLength >= 2, bytes[8] == UInt8(ascii: "{") else {
            throw FormatError(.invalid, file: file, at: .byte(8), expected: "a JSON header starting with '{'", found: headerLength == 0 ? "an empty header" : hexBytes(bytes[8..<min(bytes.count, 16)]))
        }
        let json = try SafeTensorsJSON.parse(bytes[8..<8 + headerLength], file: file, baseOffset: 8)
        guard case .object(let entries) = json else {
            throw FormatError(.invalid, file: file, at: .byte(8), expected: "a JSON object", found: json.kind)
        }
        let bufferStart = 8 + headerLength
        let bufferLength = bytes.count - bufferStart
        func headerError(_ expected: String, _ found: String, _ reason: FormatError.Reason = .invalid) -> FormatError {
            FormatError(reason, file: file, at: .byte(8), expected: expected, found: found)
        }

        var seen = Set<String>()
        var metadata: [String: String] = [:]
        var parsed: [(name: String, dtype: SafeTensorsDType, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in entries {
            guard seen.insert(name).inserted else {
                throw headerError("distinct tensor names", "\"\(name)\" twice")
            }
            if name == "__metadata__" {
                guard case .object(let pairs) = value else { throw headerError("__metadata__ to be an object", value.kind) }
                for (key, item) in pairs {
                    guard case .string(let text) = item else {
                        throw headerError("__metadata__ values to be strings", "\(item.kind) for \"\(key)\"")
                    }
                    guard metadata.updateValue(text, forKey: key) == nil else {
                        throw headerError("distinct __metadata__ keys", "\"\(key)\" twice")
                    }
                }
                continue
            }
            let entry = try Self.entry(name: name, value: value, headerError: headerError)
            parsed.append((name, entry.dtype, entry.shape, entry.begin, entry.end))
        }

        // The tensors sorted by offset must tile the buffer exactly.
        var cursor = 0
        for item in parsed.sorted(by: { ($0.begin, $0.end) < ($1.begin, $1.end) }) {
            guard item.begin == cursor else {
                throw FormatError(
                    .invalid, file: file, at: .byte(bufferStart + min(item.begin, cursor)),
                    expected: "tensor \"\(item.name)\" to start at buffer offset \(cursor) (tensors contiguous, not overlapping)",
                    found: "data_offsets [\(item.begin), \(item.end)]")
            }
            guard item.end <= bufferLength else {
                throw FormatError(
                    .truncated, file: file, at: .byte(bufferStart + item.begin),
                    expected: "tensor \"\(item.name)\" inside the \(bufferLength)-byte data buffer",
                    found: "data_offsets [\(item.begin), \(item.end)]")
            }
            cursor = item.end
        }
        guard cursor == bufferLength else {
            throw FormatError(
                .invalid, file: file, at: .byte(bufferStart + cursor),
                expected: "the data buffer to end after the last tensor (\(cursor) bytes)", found: "\(bufferLength) bytes")
        }
        var tensors: [SafeTensor] = []
        tensors.reserveCapacity(parsed.count)
        for item in parsed {
            let data = Array(bytes[(bufferStart + item.begin)..<(bufferStart + item.end)])
            tensors.append(try SafeTensor(name: item.name, dtype: item.dtype, shape: item.shape, data: data))
        }
        self.tensors = tensors
        self.metadata = metadata
    }

    /// Validates one tensor entry `{"dtype":…, "shape":[…], "data_offsets":[b, e]}`.
    private static func entry(
        name: String, value: SafeTensorsJSON, headerError: (String, String, FormatError.Reason) -> FormatError
    ) throws(FormatError) -> (dtype: SafeTensorsDType, shape: [Int], begin: Int, end: Int) {
        guard case .object(let fields) = value else {
            throw headerError("tensor \"\(name)\" to be an object", value.kind, .invalid)
        }
        var dtype: SafeTensorsDType?
        var shape: [Int]?
        var offsets: [Int]?
        func integers(_ value: SafeTensorsJSON, _ field: String) throws(FormatError) -> [Int] {
            guard case .array(let items) = value else {
                throw headerError("\"\(field)\" of \"\(name)\" to be an array of integers", value.kind, .invalid)
            }
            var result: [Int] = []
            for item in items {
                guard case .number(let text) = item, let integer = Int(text), integer >= 0 else {
                    throw headerError("\"\(field)\" of \"\(name)\" to hold non-negative integers", item.kind, .invalid)
                }
                result.append(integer)
            }
            return result
        }
        for (key, field) in fields {
            switch key {
            case "dtype":
                guard case .string(let text) = field else { throw headerError("the dtype of \"\(name)\" to be a string", field.kind, .invalid) }
                guard let known = SafeTensorsDType(rawValue: text) else {
                    throw headerError("a safetensors dtype (\(SafeTensorsDType.allCases.map(\.rawValue).joined(separator: ", "))) for \"\(name)\"", "\"\(text)\"", .unsupported)
                }
                dtype = known
            case "shape": shape = try integers(field, "shape")
            case "data_offsets": offsets = try integers(field, "data_offsets")
            default: throw headerError("only dtype, shape and data_offsets in \"\(name)\"", "\"\(key)\"", .invalid)
            }
        }
        guard let dtype, let shape, let offsets else {
            throw headerError("dtype, shape and data_offsets in \"\(name)\"", "a field missing", .invalid)
        }
        guard offsets.count == 2, offsets[0] <= offsets[1] else {
            throw headerError("data_offsets [begin, end] with begin ≤ end for \"\(name)\"", "\(offsets)", .invalid)
        }
        guard let size = SafeTensor.byteCount(shape: shape, dtype: dtype), size == offsets[1] - offsets[0] else {
            throw headerError(
                "\"\(name)\" to take shape \(shape) × \(dtype.byteSize) bytes", "\(offsets[1] - offsets[0]) bytes in data_offsets \(offsets)", .mismatch)
        }
        return (dtype, shape, offsets[0], offsets[1])
    }
}
