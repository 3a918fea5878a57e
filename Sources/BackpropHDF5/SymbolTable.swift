/// Old-style groups: a v1 B-tree of symbol table nodes (`SNOD`), names in a local heap
/// (HDF5 specification III.A.1, III.B, III.C, III.D).
enum SymbolTable {
    /// The links of a group whose object header holds a symbol table message.
    static func links(_ message: HeaderMessage, reader: HDF5Reader) throws(HDF5Error) -> [HDF5Link] {
        var c = reader.cursor(over: message.body, origin: message.origin, structure: "symbol table message")
        guard let tree = try c.address(), let heapAddress = try c.address() else {
            throw c.error(.malformed, "undefined B-tree or local heap address")
        }
        let heap = try LocalHeap(reader: reader, address: heapAddress)
        var links: [HDF5Link] = []
        for entry in try BTreeV1.leafEntries(reader: reader, root: tree, nodeType: 0, keySize: reader.lengthSize) {
            var node = try reader.cursor(at: entry.child, count: 8, structure: "symbol table node")
            try node.signature("SNOD")
            let version = Int(try node.uint8())
            guard version == 1 else {
                throw node.error(.unsupportedVersion(structure: "symbol table node", version: version), "version 1 is supported", at: 4)
            }
            try node.skip(1)
            let count = Int(try node.uint16())
            let entrySize = 2 * reader.offsetSize + 24
            var e = try reader.cursor(at: entry.child + 8, count: count * entrySize, structure: "symbol table node")
            for _ in 0..<count {
                let nameOffset = try e.length()
                let header = try e.address()
                let cacheType = try e.uint32()
                try e.skip(4)
                let scratch = try e.take(16)
                let name = try heap.string(at: nameOffset)
                if cacheType == 2 {
                    let linkOffset = UInt64(scratch[0]) | UInt64(scratch[1]) << 8 | UInt64(scratch[2]) << 16 | UInt64(scratch[3]) << 24
                    links.append(HDF5Link(name: name, target: .soft(path: try heap.string(at: linkOffset))))
                } else {
                    guard let header else { throw e.error(.malformed, "symbol \"\(name)\" has an undefined object header address") }
                    links.append(HDF5Link(name: name, target: .hard(address: header)))
                }
            }
        }
        return links
    }
}

/// A local heap (`HEAP`): the names of an old-style group, read once.
struct LocalHeap {
    var data: [UInt8]
    var origin: UInt64
    let file: String

    init(reader: HDF5Reader, address: UInt64) throws(HDF5Error) {
        var c = try reader.cursor(at: address, count: 8 + 2 * reader.lengthSize + reader.offsetSize, structure: "local heap")
        try c.signature("HEAP", version0Of: "local heap", expected: "version 0 is supported")
        try c.skip(3)
        let size = try c.count(reader.lengthSize, limit: reader.available, what: "local heap data size")
        _ = try c.length()
        guard let dataAddress = try c.address() else { throw c.error(.malformed, "undefined data segment address") }
        data = try reader.bytes(at: dataAddress, count: size, structure: "local heap data")
        origin = reader.superblock.base + dataAddress
        file = reader.path
    }

    /// The NUL-terminated string at `offset` in the heap's data.
    func string(at offset: UInt64) throws(HDF5Error) -> String {
        guard offset < UInt64(data.count) else {
            throw HDF5Error(.addressOutOfRange, file: file, offset: origin, found: "local heap offset \(offset) past its \(data.count) bytes")
        }
        var c = HDF5ByteReader(data, origin: origin, structure: "local heap string", file: file)
        c.position = Int(offset)
        return try c.cString()
    }
}

/// Version 1 B-trees (`TREE`): group nodes (type 0) and raw-data chunk nodes (type 1).
enum BTreeV1 {
    /// A leaf entry: the key to its left and the child address.
    struct Entry {
        var key: HDF5ByteReader
        var child: UInt64
    }

    /// The deepest tree accepted.
    static let maximumDepth = 64

    /// Every leaf entry of the tree rooted at `root`, left to right.
    ///
    /// - Throws: `.badSignature`, `.cycle` when a node is reached twice, `.sizeTooLarge` when
    ///   the tree is deeper than ``maximumDepth``.
    static func leafEntries(reader: HDF5Reader, root: UInt64, nodeType: UInt8, keySize: Int) throws(HDF5Error) -> [Entry] {
        var result: [Entry] = []
        var visited: Set<UInt64> = []
        try visit(reader: reader, address: root, nodeType: nodeType, keySize: keySize, expectedLevel: nil,
                  depth: 0, visited: &visited, into: &result)
        return result
    }

    private static func visit(reader: HDF5Reader, address: UInt64, nodeType: UInt8, keySize: Int, expectedLevel: Int?,
                              depth: Int, visited: inout Set<UInt64>, into result: inout [Entry]) throws(HDF5Error) {
        guard depth <= maximumDepth else { throw reader.error(.sizeTooLarge, at: address, "v1 B-tree deeper than \(maximumDepth) levels") }
        guard visited.insert(address).inserted else { throw reader.error(.cycle, at: address, "v1 B-tree node reached twice") }
        var head = try reader.cursor(at: address, count: 8 + 2 * reader.offsetSize, structure: "v1 B-tree node")
        try head.signature("TREE")
        let type = try head.uint8()
        guard type == nodeType else { throw head.error(.malformed, "node type \(type), expected \(nodeType)", at: 4) }
        let level = Int(try head.uint8())
        if let expectedLevel, level != expectedLevel {
            throw head.error(.malformed, "node level \(level), expected \(expectedLevel)", at: 5)
        }
        let count = Int(try head.uint16())
        let size = count * (keySize + reader.offsetSize) + keySize
        var c = try reader.cursor(at: address + UInt64(head.bytes.count), count: size, structure: "v1 B-tree node")
        for _ in 0..<count {
            let key = HDF5ByteReader(Array(c.bytes[c.position..<c.position + keySize]), origin: c.fileOffset,
                                 structure: "v1 B-tree key", file: c.file, offsetSize: c.offsetSize, lengthSize: c.lengthSize)
            try c.skip(keySize)
            guard let child = try c.address() else { throw c.error(.malformed, "undefined child address") }
            if level == 0 {
                result.append(Entry(key: key, child: child))
            } else {
                try visit(reader: reader, address: child, nodeType: nodeType, keySize: keySize, expectedLevel: level - 1,
                          depth: depth + 1, visited: &visited, into: &result)
            }
        }
    }
}
