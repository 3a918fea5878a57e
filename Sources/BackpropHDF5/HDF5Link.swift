/// A named member of a group: a hard link to an object, a soft link to a path, or an external
/// link to an object in another file (reported, never followed).
public struct HDF5Link: Sendable, Equatable {
    /// What a link points to.
    public enum Target: Sendable, Equatable {
        /// An object header in this file, at the given address (relative to the base address).
        case hard(address: UInt64)
        /// A path in this file, resolved when the link is followed.
        case soft(path: String)
        /// An object in another file; this reader reports it and does not open the file.
        case external(file: String, path: String)
    }

    /// The link's name inside its group.
    public var name: String
    /// Where the link points.
    public var target: Target

    /// Parses a link message (HDF5 specification IV.A.2.g), from an object header or from a
    /// group's fractal heap.
    static func parse(_ c: inout HDF5ByteReader) throws(HDF5Error) -> HDF5Link {
        let start = c.position
        let version = Int(try c.uint8())
        guard version == 1 else {
            throw c.error(.unsupportedVersion(structure: "link message", version: version), "version 1 is supported", at: start)
        }
        let flags = try c.uint8()
        let type = flags & 0x08 != 0 ? try c.uint8() : 0
        if flags & 0x04 != 0 { try c.skip(8) }  // creation order
        if flags & 0x10 != 0 { try c.skip(1) }  // name character set
        let nameLength = Int(try c.uint(1 << Int(flags & 0x03)))
        guard nameLength > 0, nameLength <= c.remaining else { throw c.error(.malformed, "link name of \(nameLength) bytes") }
        let name = String(decoding: try c.take(nameLength), as: UTF8.self)
        switch type {
        case 0:
            guard let address = try c.address() else { throw c.error(.malformed, "hard link \"\(name)\" with undefined address") }
            return HDF5Link(name: name, target: .hard(address: address))
        case 1:
            let length = Int(try c.uint16())
            return HDF5Link(name: name, target: .soft(path: String(decoding: try c.take(length), as: UTF8.self)))
        case 64:
            let length = Int(try c.uint16())
            let body = try c.take(length)
            var v = HDF5ByteReader(body, origin: c.origin + UInt64(c.position - length), structure: "external link", file: c.file)
            _ = try v.uint8()  // version and flags
            let file = try v.cString()
            let path = try v.cString()
            return HDF5Link(name: name, target: .external(file: file, path: path))
        default:
            throw c.error(.unsupportedFeature("link type \(type)"), "link \"\(name)\" has user-defined type \(type)")
        }
    }
}

/// Where a new-style group keeps its links when there are too many for the object header.
struct LinkInfo: Sendable {
    var fractalHeap: UInt64?
    var nameIndex: UInt64?

    /// Parses a link info message (type 2) or an attribute info message (type 0x15): both hold
    /// flags, an optional maximum creation index, the fractal heap address and the name index.
    static func parse(_ message: HeaderMessage, reader: HDF5Reader, creationIndexBytes: Int) throws(HDF5Error) -> LinkInfo {
        var c = reader.cursor(over: message.body, origin: message.origin, structure: "link/attribute info message")
        let version = Int(try c.uint8())
        guard version == 0 else {
            throw c.error(.unsupportedVersion(structure: "link/attribute info message", version: version), "version 0 is supported", at: 0)
        }
        let flags = try c.uint8()
        if flags & 0x01 != 0 { try c.skip(creationIndexBytes) }
        let heap = try c.address()
        let index = try c.address()
        return LinkInfo(fractalHeap: heap, nameIndex: index)
    }

    /// Calls `body` with each object of the dense storage, in name-index order: for each record
    /// of the name index (a v2 B-tree of `treeType`: 5 for links, 8 for attributes), the heap ID
    /// found `idOffset` bytes into the record, `idLength` bytes long (nil: the rest of the
    /// record), read through the fractal heap. Does nothing when there is no dense storage.
    ///
    /// - Throws: ``HDF5Error`` `.malformed` naming `what` for a name index of another type, or any
    ///   error of the heap, the B-tree or `body`.
    func forEachDenseObject(reader: HDF5Reader, treeType: Int, what: String, idOffset: Int, idLength: Int?,
                            _ body: ([UInt8]) throws(HDF5Error) -> Void) throws(HDF5Error) {
        guard let heapAddress = fractalHeap, let indexAddress = nameIndex else { return }
        let heap = try FractalHeap(reader: reader, address: heapAddress)
        let tree = try BTreeV2(reader: reader, address: indexAddress)
        guard tree.type == treeType else {
            throw reader.error(.malformed, at: indexAddress, "\(what) name index has B-tree type \(tree.type), expected \(treeType)")
        }
        for var record in try tree.records() {
            try record.skip(idOffset)
            let id = try record.take(idLength ?? tree.recordSize - idOffset)
            try body(try heap.object(id: id))
        }
    }
}
