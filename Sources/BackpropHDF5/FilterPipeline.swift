/// One filter of a dataset's pipeline (HDF5 specification IV.A.2.l).
public struct HDF5Filter: Sendable, Equatable, CustomStringConvertible {
    /// The filter identifier: 1 deflate, 2 shuffle, 3 fletcher32, 4 szip, 5 nbit, 6 scale-offset;
    /// 256 and above are registered third-party filters (32000 is LZF).
    public var id: Int
    /// The name stored in the file, or the specification's name of a predefined filter.
    public var name: String
    /// Whether the filter may be skipped when it fails (flag bit 0).
    public var isOptional: Bool
    /// The filter's parameters (for deflate, the compression level).
    public var parameters: [UInt32]

    /// A filter as a pipeline message describes it (for ``undo(_:elementSize:expected:)``
    /// outside a file: tests and fuzz harnesses).
    public init(id: Int, name: String, isOptional: Bool, parameters: [UInt32]) {
        self.id = id
        self.name = name
        self.isOptional = isOptional
        self.parameters = parameters
    }

    /// `deflate (level 6)`, `shuffle`, `fletcher32`, `filter 32000 (lzf)`.
    public var description: String {
        switch id {
        case 1: return "deflate" + (parameters.first.map { " (level \($0))" } ?? "")
        case 2: return "shuffle"
        case 3: return "fletcher32"
        default: return "filter \(id)" + (name.isEmpty ? "" : " (\(name))")
        }
    }

    static func parsePipeline(_ c: inout HDF5ByteReader) throws(HDF5Error) -> [HDF5Filter] {
        let start = c.position
        let version = Int(try c.uint8())
        let count = Int(try c.uint8())
        guard version == 1 || version == 2 else {
            throw c.error(.unsupportedVersion(structure: "filter pipeline", version: version), "versions 1 and 2 are supported", at: start)
        }
        guard count <= 32 else { throw c.error(.sizeTooLarge, "\(count) filters (at most 32)") }
        if version == 1 { try c.skip(6) }
        var filters: [HDF5Filter] = []
        for _ in 0..<count {
            let id = Int(try c.uint16())
            var nameLength = 0
            if version == 1 || id >= 256 { nameLength = Int(try c.uint16()) }
            let flags = try c.uint16()
            let valueCount = Int(try c.uint16())
            var name = ""
            if nameLength > 0 {
                let raw = try c.take(version == 1 ? (nameLength + 7) / 8 * 8 : nameLength)
                name = String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            var values: [UInt32] = []
            for _ in 0..<valueCount { values.append(try c.uint32()) }
            if version == 1 && valueCount % 2 == 1 { try c.skip(4) }
            if name.isEmpty { name = [1: "deflate", 2: "shuffle", 3: "fletcher32", 4: "szip", 5: "nbit", 6: "scaleoffset"][id] ?? "" }
            filters.append(HDF5Filter(id: id, name: name, isOptional: flags & 1 != 0, parameters: values))
        }
        return filters
    }
}

/// The fill value of a dataset: the bytes of one element used where no data were written.
enum FillValue {
    /// Parses a fill value message (type 5) or an old fill value message (type 4); nil when the
    /// message says no value is defined (the reader then uses zeros).
    static func parse(_ message: HeaderMessage, reader: HDF5Reader) throws(HDF5Error) -> [UInt8]? {
        var c = reader.cursor(over: message.body, origin: message.origin, structure: "fill value message")
        if message.type == HeaderMessage.Kind.oldFillValue {
            let size = Int(try c.uint32())
            return size == 0 ? nil : try c.take(size)
        }
        let version = Int(try c.uint8())
        switch version {
        case 1, 2:
            try c.skip(2)  // allocation and write times
            let defined = try c.uint8()
            if version == 2 && defined == 0 { return nil }
            guard c.remaining >= 4 else { return nil }
            let size = Int(try c.uint32())
            return size == 0 ? nil : try c.take(size)
        case 3:
            let flags = try c.uint8()
            guard flags & 0x20 != 0 else { return nil }
            let size = Int(try c.uint32())
            return size == 0 ? nil : try c.take(size)
        default:
            throw c.error(.unsupportedVersion(structure: "fill value message", version: version), "versions 1 to 3 are supported", at: 0)
        }
    }
}
