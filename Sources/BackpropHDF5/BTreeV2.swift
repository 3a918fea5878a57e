/// Version 2 B-trees (`BTHD`, `BTIN`, `BTLF`; HDF5 specification III.A.2): every record, in
/// order. Used for dense links (type 5), dense attributes (type 8), huge fractal-heap objects
/// (type 1) and chunk indexes (types 10 and 11).
struct BTreeV2 {
    var type: UInt8
    var recordSize: Int
    var nodeSize: Int
    var depth: Int
    var root: UInt64?
    var rootCount: Int
    let reader: HDF5Reader

    /// The deepest tree accepted.
    static let maximumDepth = 32

    init(reader: HDF5Reader, address: UInt64) throws(HDF5Error) {
        self.reader = reader
        var c = try reader.cursor(at: address, count: 4 + 1 + 1 + 4 + 2 + 2 + 1 + 1 + reader.offsetSize + 2 + reader.lengthSize + 4,
                                  structure: "v2 B-tree header")
        try c.signature("BTHD", version0Of: "v2 B-tree header", expected: "version 0 is supported")
        type = try c.uint8()
        nodeSize = Int(try c.uint32())
        recordSize = Int(try c.uint16())
        depth = Int(try c.uint16())
        try c.skip(2)
        root = try c.address()
        rootCount = Int(try c.uint16())
        _ = try c.length()
        try c.verifyChecksum()
        guard nodeSize >= 16, UInt64(nodeSize) <= reader.available, recordSize > 0, recordSize < nodeSize else {
            throw c.error(.malformed, "node size \(nodeSize), record size \(recordSize)")
        }
        guard depth <= BTreeV2.maximumDepth else { throw c.error(.sizeTooLarge, "depth \(depth) above \(BTreeV2.maximumDepth)") }
    }

    /// Every record (as its `recordSize` bytes, in a cursor placed at its start), left to right.
    func records() throws(HDF5Error) -> [HDF5ByteReader] {
        guard let root else { return [] }
        // Maximum records per node and the byte sizes of the child-count fields, per level.
        var maxRecords = [(nodeSize - 10) / recordSize]
        var cumulative = [UInt64(maxRecords[0])]
        var cumulativeBytes = [0]
        var pointerBytes = [0]
        if depth > 0 {
            for level in 1...depth {
                let pointer = reader.offsetSize + encodedSize(UInt64(maxRecords[level - 1])) + cumulativeBytes[level - 1]
                let count = (nodeSize - 10 - pointer) / (recordSize + pointer)
                guard count > 0 else { throw reader.error(.malformed, at: root, "v2 B-tree node size \(nodeSize) too small for depth \(depth)") }
                maxRecords.append(count)
                pointerBytes.append(pointer)
                let total = UInt64(count + 1).multipliedReportingOverflow(by: cumulative[level - 1])
                cumulative.append(total.overflow ? .max : total.partialValue + UInt64(count))
                cumulativeBytes.append(encodedSize(cumulative[level]))
            }
        }
        var result: [HDF5ByteReader] = []
        var visited: Set<UInt64> = []
        try visit(address: root, count: rootCount, level: depth, maxRecords: maxRecords, cumulativeBytes: cumulativeBytes,
                  visited: &visited, into: &result)
        return result
    }

    private func visit(address: UInt64, count: Int, level: Int, maxRecords: [Int], cumulativeBytes: [Int],
                       visited: inout Set<UInt64>, into result: inout [HDF5ByteReader]) throws(HDF5Error) {
        guard visited.insert(address).inserted else { throw reader.error(.cycle, at: address, "v2 B-tree node reached twice") }
        guard count <= maxRecords[level] else {
            throw reader.error(.malformed, at: address, "v2 B-tree node with \(count) records, at most \(maxRecords[level]) fit")
        }
        var c = try reader.cursor(at: address, count: nodeSize, structure: "v2 B-tree node")
        try c.signature(level == 0 ? "BTLF" : "BTIN", version0Of: "v2 B-tree node", expected: "version 0 is supported")
        let nodeType = try c.uint8()
        guard nodeType == type else { throw c.error(.malformed, "node type \(nodeType), header says \(type)", at: 5) }
        var records: [HDF5ByteReader] = []
        for _ in 0..<count {
            var r = c
            r.position = c.position
            records.append(r)
            try c.skip(recordSize)
        }
        var children: [(UInt64, Int)] = []
        if level > 0 {
            for _ in 0...count {
                guard let child = try c.address() else { throw c.error(.malformed, "undefined child address") }
                let childCount = Int(try c.uint(encodedSize(UInt64(maxRecords[level - 1]))))
                if level > 1 { try c.skip(cumulativeBytes[level - 1]) }
                children.append((child, childCount))
            }
        }
        try c.verifyChecksum()
        if level == 0 {
            result.append(contentsOf: records)
            return
        }
        for (index, child) in children.enumerated() {
            try visit(address: child.0, count: child.1, level: level - 1, maxRecords: maxRecords, cumulativeBytes: cumulativeBytes,
                      visited: &visited, into: &result)
            if index < records.count { result.append(records[index]) }
        }
    }
}
