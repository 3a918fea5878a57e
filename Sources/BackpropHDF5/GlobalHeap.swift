/// Global heap collections (`GCOL`, HDF5 specification III.E): where variable-length strings
/// are stored. A collection is read once per read call and kept in `collections`.
struct GlobalHeap {
    let reader: HDF5Reader
    private var collections: [UInt64: [UInt64: [UInt8]]] = [:]

    /// Collections larger than this are rejected (HDF5 writes 4 KiB to a few MiB).
    static let maximumCollectionBytes: UInt64 = 1 << 30

    init(reader: HDF5Reader) { self.reader = reader }

    /// The object `index` of the collection at `address`.
    mutating func object(collection address: UInt64, index: UInt64) throws(HDF5Error) -> [UInt8] {
        if collections[address] == nil { collections[address] = try load(address) }
        guard let object = collections[address]?[index] else {
            throw reader.error(.malformed, at: address, "global heap collection has no object \(index)")
        }
        return object
    }

    private func load(_ address: UInt64) throws(HDF5Error) -> [UInt64: [UInt8]] {
        var head = try reader.cursor(at: address, count: 8 + reader.lengthSize, structure: "global heap collection")
        try head.signature("GCOL")
        let version = Int(try head.uint8())
        guard version == 1 else { throw head.error(.unsupportedVersion(structure: "global heap", version: version), "version 1 is supported", at: 4) }
        try head.skip(3)
        let size = try head.count(reader.lengthSize, limit: min(reader.available, GlobalHeap.maximumCollectionBytes), what: "collection size")
        var c = try reader.cursor(at: address, count: size, structure: "global heap collection")
        c.position = head.position
        var objects: [UInt64: [UInt8]] = [:]
        while c.remaining >= 8 + reader.lengthSize {
            let index = UInt64(try c.uint16())
            if index == 0 { break }  // free space: the rest of the collection
            try c.skip(6)  // reference count, reserved
            let length = try c.count(reader.lengthSize, limit: UInt64(c.remaining), what: "global heap object size")
            objects[index] = try c.take(length)
            try c.skip(min((8 - length % 8) % 8, c.remaining))
        }
        return objects
    }
}
