/// A fractal heap (`FRHP`, HDF5 specification III.G): where dense groups keep their link
/// messages and dense attribute storage keeps attribute messages. Objects are found by heap
/// ID: managed objects through the doubling table of direct (`FHDB`) and indirect (`FHIB`)
/// blocks, tiny objects inside the ID, huge objects directly or through a v2 B-tree.
struct FractalHeap {
    let reader: HDF5Reader
    let address: UInt64
    var idLength: Int
    var filterLength: Int
    var checksumsDirectBlocks: Bool
    var maximumManagedSize: UInt64
    var hugeTree: UInt64?
    var tableWidth: Int
    var startingBlockSize: UInt64
    var maximumDirectBlockSize: UInt64
    var maximumHeapBits: Int
    var rootBlock: UInt64?
    var rootRows: Int

    /// Bytes of heap offsets in IDs and block headers.
    var offsetBytes: Int { (maximumHeapBits + 7) / 8 }
    /// Bytes of managed-object lengths in IDs.
    var lengthBytes: Int { encodedSize(min(maximumDirectBlockSize, maximumManagedSize)) }
    /// Rows of direct blocks in any indirect block.
    var maximumDirectRows: Int { log2(maximumDirectBlockSize) - log2(startingBlockSize) + 2 }

    init(reader: HDF5Reader, address: UInt64) throws(HDF5Error) {
        self.reader = reader
        self.address = address
        let o = reader.offsetSize, l = reader.lengthSize
        let size = 4 + 1 + 2 + 2 + 1 + 4 + l + o + l + o + 8 * l + 2 + l + l + 2 + 2 + o + 2
        var c = try reader.cursor(at: address, count: size + l + 4 + 4, structure: "fractal heap header", clip: true)
        try c.signature("FRHP", version0Of: "fractal heap", expected: "version 0 is supported")
        idLength = Int(try c.uint16())
        filterLength = Int(try c.uint16())
        let flags = try c.uint8()
        checksumsDirectBlocks = flags & 0x02 != 0
        maximumManagedSize = UInt64(try c.uint32())
        _ = try c.length()  // next huge object ID
        hugeTree = try c.address()
        _ = try c.length()  // free space
        _ = try c.address()  // free-space manager
        for _ in 0..<6 { _ = try c.length() }  // managed space, allocated, iterator, counts and sizes
        for _ in 0..<2 { _ = try c.length() }  // tiny objects
        tableWidth = Int(try c.uint16())
        startingBlockSize = try c.length()
        maximumDirectBlockSize = try c.length()
        maximumHeapBits = Int(try c.uint16())
        _ = try c.uint16()  // starting rows of the root indirect block
        rootBlock = try c.address()
        rootRows = Int(try c.uint16())
        if filterLength > 0 {
            throw c.error(.unsupportedFeature("filtered fractal heap"), "I/O filters on heap blocks are not supported")
        }
        try c.verifyChecksum()
        guard tableWidth > 0, tableWidth <= 65_536, startingBlockSize > 0, startingBlockSize.nonzeroBitCount == 1,
              maximumDirectBlockSize >= startingBlockSize, maximumDirectBlockSize.nonzeroBitCount == 1,
              maximumDirectBlockSize <= reader.available * 2 + 1 << 20, (1...64).contains(maximumHeapBits), rootRows <= 64 else {
            throw c.error(.malformed, "doubling table width \(tableWidth), block sizes \(startingBlockSize)...\(maximumDirectBlockSize), \(maximumHeapBits) heap bits")
        }
    }

    private func log2(_ value: UInt64) -> Int { 63 - value.leadingZeroBitCount }

    /// The size of each block in row `row` of the doubling table.
    private func rowSize(_ row: Int) -> UInt64 { row == 0 ? startingBlockSize : startingBlockSize << UInt64(row - 1) }

    /// The object with heap ID `id`.
    ///
    /// - Throws: `.malformed` for an ID that points nowhere, `.unsupportedFeature` for filtered
    ///   huge objects, block signature and checksum errors.
    func object(id: [UInt8]) throws(HDF5Error) -> [UInt8] {
        var c = reader.cursor(over: id, origin: 0, structure: "fractal heap ID")
        let flags = try c.uint8()
        guard flags >> 6 == 0 else { throw reader.error(.unsupportedVersion(structure: "fractal heap ID", version: Int(flags >> 6)), at: address, "version 0 is supported") }
        switch (flags >> 4) & 0x03 {
        case 0:
            let offset = try c.uint(offsetBytes)
            let length = try c.uint(lengthBytes)
            return try managed(offset: offset, length: length)
        case 1:
            if let hugeTree {
                let key = try c.length()
                let tree = try BTreeV2(reader: reader, address: hugeTree)
                guard tree.type == 1 else {
                    throw reader.error(.unsupportedFeature("filtered huge fractal heap objects"), at: hugeTree, "v2 B-tree type \(tree.type)")
                }
                for var record in try tree.records() {
                    guard let objectAddress = try record.address() else { continue }
                    let length = try record.count(reader.lengthSize, limit: reader.available, what: "huge object length")
                    if try record.length() == key {
                        return try reader.bytes(at: objectAddress, count: length, structure: "huge fractal heap object")
                    }
                }
                throw reader.error(.malformed, at: hugeTree, "huge object \(key) not in the heap's B-tree")
            }
            guard let objectAddress = try c.address() else { throw reader.error(.malformed, at: address, "undefined huge object address") }
            let length = try c.count(reader.lengthSize, limit: reader.available, what: "huge object length")
            return try reader.bytes(at: objectAddress, count: length, structure: "huge fractal heap object")
        case 2:
            let length = Int(flags & 0x0f) + 1
            return try c.take(length)
        default:
            throw reader.error(.malformed, at: address, "heap ID type \((flags >> 4) & 0x03)")
        }
    }

    /// A managed object: walks the doubling table from the root block to the direct block
    /// holding heap offset `offset`.
    private func managed(offset: UInt64, length: UInt64) throws(HDF5Error) -> [UInt8] {
        guard let rootBlock else { throw reader.error(.malformed, at: address, "heap ID into an empty fractal heap") }
        guard length <= maximumDirectBlockSize else {
            throw reader.error(.sizeTooLarge, at: address, "managed object of \(length) bytes in direct blocks of \(maximumDirectBlockSize)")
        }
        var blockAddress = rootBlock
        var blockSize = startingBlockSize
        var within = offset
        var rows = rootRows
        var depth = 0
        while rows > 0 {
            depth += 1
            guard depth <= 64 else { throw reader.error(.cycle, at: blockAddress, "fractal heap indirect blocks nest too deep") }
            let (child, childRows, childSize, childOffset) = try locate(in: blockAddress, rows: rows, offset: within)
            guard let child else { throw reader.error(.malformed, at: blockAddress, "heap offset \(offset) in an unallocated block") }
            blockAddress = child
            rows = childRows
            blockSize = childSize
            within = childOffset
        }
        guard within + length <= blockSize else {
            throw reader.error(.malformed, at: blockAddress, "object at \(within) + \(length) past a \(blockSize)-byte direct block")
        }
        var block = try reader.cursor(at: blockAddress, count: Int(blockSize), structure: "fractal heap direct block")
        try block.signature("FHDB", version0Of: "fractal heap direct block", expected: "version 0")
        if checksumsDirectBlocks {
            let checksumAt = 5 + reader.offsetSize + offsetBytes
            var copy = block.bytes
            let stored = UInt32(copy[checksumAt]) | UInt32(copy[checksumAt + 1]) << 8 | UInt32(copy[checksumAt + 2]) << 16 | UInt32(copy[checksumAt + 3]) << 24
            for k in 0..<4 { copy[checksumAt + k] = 0 }
            let computed = Checksum.lookup3(copy)
            guard stored == computed else {
                throw block.error(.checksumMismatch, "stored 0x\(String(stored, radix: 16)), computed 0x\(String(computed, radix: 16))", at: checksumAt)
            }
        }
        let header = 5 + reader.offsetSize + offsetBytes + (checksumsDirectBlocks ? 4 : 0)
        guard within >= UInt64(header) else { throw block.error(.malformed, "object offset \(within) inside the block header") }
        return Array(block.bytes[Int(within)..<Int(within + length)])
    }

    /// In the indirect block at `blockAddress` with `rows` rows, the child block covering
    /// `offset` (relative to the indirect block's start): its address, rows (0 for a direct
    /// block), size and the offset within it.
    private func locate(in blockAddress: UInt64, rows: Int, offset: UInt64) throws(HDF5Error) -> (UInt64?, Int, UInt64, UInt64) {
        let directRows = min(rows, maximumDirectRows)
        let indirectRows = rows - directRows
        let entries = (directRows + indirectRows) * tableWidth
        let size = 5 + reader.offsetSize + offsetBytes + entries * reader.offsetSize + 4
        var c = try reader.cursor(at: blockAddress, count: size, structure: "fractal heap indirect block")
        try c.signature("FHIB", version0Of: "fractal heap indirect block", expected: "version 0")
        try c.skip(reader.offsetSize + offsetBytes)
        var addresses: [UInt64?] = []
        for _ in 0..<entries { addresses.append(try c.address()) }
        try c.verifyChecksum()
        var remaining = offset
        for row in 0..<rows {
            let blockSize = rowSize(row)
            let (rowBytes, overflow) = blockSize.multipliedReportingOverflow(by: UInt64(tableWidth))
            if !overflow && remaining >= rowBytes {
                remaining -= rowBytes
                continue
            }
            let column = Int(remaining / blockSize)
            let child = addresses[row * tableWidth + column]
            let inside = remaining % blockSize
            if row < maximumDirectRows { return (child, 0, blockSize, inside) }
            let childRows = log2(blockSize) - log2(startingBlockSize * UInt64(tableWidth)) + 1
            return (child, childRows, blockSize, inside)
        }
        throw c.error(.malformed, "heap offset \(offset) beyond the indirect block's \(rows) rows")
    }
}
