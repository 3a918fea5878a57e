extension BTreeV1 {
    /// One stored chunk for the index: its first element's coordinates, address and stored size.
    struct ChunkEntry {
        var offsets: [Int]
        var address: UInt64
        var size: Int
    }

    /// The chunk B-tree's K: nodes hold up to 2K = 64 children and take the room of 64, as the
    /// HDF5 library reads them (its default, which a version 2 superblock does not restate).
    static let chunkK = 32

    /// Appends a v1 B-tree (node type 1, HDF5 specification III.A.1) indexing `chunks`, which
    /// are in row-major order of their coordinates, and returns its root's address.
    ///
    /// Each key is the chunk's stored size, its filter mask (0) and its coordinates in
    /// elements plus a trailing 0 for the element-size dimension; key *i* of a node is the
    /// first chunk under child *i*, its last key lies past the last chunk (each coordinate
    /// plus the chunk dimension), as the library writes it. Leaves are built first, then each
    /// level of internal nodes above them, siblings linked.
    ///
    /// - Precondition: `chunks` is not empty.
    static func writeChunkIndex(_ chunks: [ChunkEntry], chunkShape: [Int], elementSize: Int,
                                into w: inout HDF5ByteWriter) -> UInt64 {
        precondition(!chunks.isEmpty, "a chunk index needs a chunk")
        let last = chunks[chunks.count - 1]
        let rightKey = chunkKey(size: 0, offsets: zip(last.offsets, chunkShape).map(+), elementSize: elementSize)
        var entries = chunks.map { (key: chunkKey(size: $0.size, offsets: $0.offsets, elementSize: nil), child: $0.address) }
        var level = 0
        while true {
            let nodes = writeLevel(entries, level: level, rightKey: rightKey, into: &w)
            if nodes.count == 1 { return nodes[0].child }
            entries = nodes
            level += 1
        }
    }

    /// Writes one level of nodes over `entries` (64 per node), returning each node's first key
    /// and address: the entries of the level above.
    private static func writeLevel(_ entries: [(key: [UInt8], child: UInt64)], level: Int, rightKey: [UInt8],
                                   into w: inout HDF5ByteWriter) -> [(key: [UInt8], child: UInt64)] {
        let perNode = 2 * chunkK
        let keySize = rightKey.count
        let nodeSize = 24 + perNode * 8 + (perNode + 1) * keySize
        let nodeCount = (entries.count + perNode - 1) / perNode
        let first = UInt64(w.count)
        var result: [(key: [UInt8], child: UInt64)] = []
        for n in 0..<nodeCount {
            let start = w.count
            let members = entries[n * perNode..<min(entries.count, (n + 1) * perNode)]
            w.signature("TREE")
            w.uint8(1)
            w.uint8(UInt8(level))
            w.uint16(UInt16(members.count))
            w.address(n == 0 ? nil : first + UInt64((n - 1) * nodeSize))
            w.address(n == nodeCount - 1 ? nil : first + UInt64((n + 1) * nodeSize))
            for entry in members {
                w.append(entry.key)
                w.address(entry.child)
            }
            w.append(members.endIndex < entries.count ? entries[members.endIndex].key : rightKey)
            w.zeros(nodeSize - (w.count - start))
            result.append((members.first!.key, UInt64(start)))
        }
        return result
    }

    /// A chunk key: stored size (4 bytes), filter mask 0 (4 bytes), each coordinate (8 bytes),
    /// then the element-size dimension's coordinate (`elementSize`, or 0 when nil).
    private static func chunkKey(size: Int, offsets: [Int], elementSize: Int?) -> [UInt8] {
        var w = HDF5ByteWriter()
        w.uint32(UInt32(size))
        w.uint32(0)
        for offset in offsets { w.uint64(UInt64(offset)) }
        w.uint64(UInt64(elementSize ?? 0))
        return w.bytes
    }
}
