/// The fixed array chunk index (`FAHD`, `FADB`; HDF5 specification III.H): one entry per
/// chunk of the maximum dimensions, in pages of 2^pageBits entries when large.
struct FixedArrayIndex {
    let reader: HDF5Reader
    var entrySize: Int
    var entryCount: Int
    var pageBits: Int
    var dataBlock: UInt64?
    var filtered: Bool
    var chunkBytes: Int
    /// The data block's elements (unpaged) or the bytes of all pages with their checksums.
    private var elements: [UInt8] = []
    private var pageInitialized: [Bool] = []

    init(reader: HDF5Reader, address: UInt64, filtered: Bool, chunkBytes: Int) throws(HDF5Error) {
        self.reader = reader
        self.filtered = filtered
        self.chunkBytes = chunkBytes
        var c = try reader.cursor(at: address, count: 4 + 1 + 1 + 1 + 1 + reader.lengthSize + reader.offsetSize + 4, structure: "fixed array header")
        try c.signature("FAHD", version0Of: "fixed array header", expected: "version 0")
        _ = try c.uint8()  // client ID
        entrySize = Int(try c.uint8())
        pageBits = Int(try c.uint8())
        guard entrySize >= reader.offsetSize, pageBits < 32 else { throw c.error(.malformed, "entry size \(entrySize), page bits \(pageBits)") }
        entryCount = try c.count(reader.lengthSize, limit: reader.available / UInt64(max(entrySize, 1)), what: "fixed array entries")
        dataBlock = try c.address()
        try c.verifyChecksum()
        guard let dataBlock else { return }
        let pageSize = 1 << pageBits
        let prefix = 4 + 1 + 1 + reader.offsetSize
        if entryCount <= pageSize {
            var d = try reader.cursor(at: dataBlock, count: prefix + entryCount * entrySize + 4, structure: "fixed array data block")
            try d.signature("FADB")
            d.position = prefix + entryCount * entrySize
            try d.verifyChecksum()
            elements = Array(d.bytes[prefix..<prefix + entryCount * entrySize])
        } else {
            let pages = (entryCount + pageSize - 1) / pageSize
            let bitmapBytes = (pages + 7) / 8
            var d = try reader.cursor(at: dataBlock, count: prefix + bitmapBytes + 4, structure: "fixed array data block")
            try d.signature("FADB")
            d.position = prefix
            let bitmap = try d.take(bitmapBytes)
            try d.verifyChecksum()
            pageInitialized = (0..<pages).map { bitmap[$0 / 8] & (0x80 >> UInt8($0 % 8)) != 0 }
            var pageStart = dataBlock + UInt64(d.position)
            for page in 0..<pages {
                let count = min(pageSize, entryCount - page * pageSize)
                if pageInitialized[page] {
                    var p = try reader.cursor(at: pageStart, count: count * entrySize + 4, structure: "fixed array page")
                    p.position = count * entrySize
                    try p.verifyChecksum()
                    elements.append(contentsOf: p.bytes[0..<count * entrySize])
                } else {
                    elements.append(contentsOf: [UInt8](repeating: 0xff, count: count * entrySize))
                }
                pageStart += UInt64(count * entrySize + 4)
            }
        }
    }

    /// The chunk stored for linear chunk index `index` (nil address: never written).
    func entry(_ index: Int) throws(HDF5Error) -> (UInt64?, Int, UInt32)? {
        guard dataBlock != nil, index < entryCount else { return nil }
        var c = reader.cursor(over: Array(elements[index * entrySize..<(index + 1) * entrySize]), origin: 0, structure: "fixed array entry")
        return try decodeChunkEntry(&c, entrySize: entrySize, filtered: filtered, chunkBytes: chunkBytes, available: reader.available)
    }
}

/// The extensible array chunk index (`EAHD`, `EAIB`, `EASB`, `EADB`; HDF5 specification
/// III.H): an index block with the first entries and data-block pointers, then super blocks
/// whose data blocks double in size.
struct ExtensibleArrayIndex {
    let reader: HDF5Reader
    var filtered: Bool
    var chunkBytes: Int
    var elementSize: Int
    var maxBits: Int
    var indexElements: Int
    var dataBlockMinElements: Int
    var superBlockMinPointers: Int
    var pageBits: Int
    var headerAddress: UInt64
    var indexElementsBytes: [UInt8] = []
    var dataBlockAddresses: [UInt64?] = []
    var superBlockAddresses: [UInt64?] = []
    /// Per super block: data blocks, elements per data block, first element index, first data block.
    var superBlocks: [(blocks: Int, elements: Int, start: Int, firstBlock: Int)] = []
    private var cache: [UInt64: [UInt8]] = [:]
    private var secondaryCache: [UInt64: (addresses: [UInt64?], bitmap: [UInt8])] = [:]

    init(reader: HDF5Reader, address: UInt64, filtered: Bool, chunkBytes: Int) throws(HDF5Error) {
        self.reader = reader
        self.filtered = filtered
        self.chunkBytes = chunkBytes
        headerAddress = address
        var c = try reader.cursor(at: address, count: 12 + 6 * reader.lengthSize + reader.offsetSize + 4, structure: "extensible array header")
        try c.signature("EAHD", version0Of: "extensible array header", expected: "version 0")
        _ = try c.uint8()  // client ID
        elementSize = Int(try c.uint8())
        maxBits = Int(try c.uint8())
        indexElements = Int(try c.uint8())
        dataBlockMinElements = Int(try c.uint8())
        superBlockMinPointers = Int(try c.uint8())
        pageBits = Int(try c.uint8())
        for _ in 0..<6 { _ = try c.length() }
        let indexBlock = try c.address()
        try c.verifyChecksum()
        guard elementSize >= reader.offsetSize, (1...64).contains(maxBits), dataBlockMinElements > 0,
              dataBlockMinElements.nonzeroBitCount == 1, superBlockMinPointers > 0, superBlockMinPointers.nonzeroBitCount == 1,
              pageBits < 32 else {
            throw c.error(.malformed, "extensible array parameters element size \(elementSize), bits \(maxBits), data block minimum \(dataBlockMinElements), pointers \(superBlockMinPointers)")
        }
        let superBlockCount = 1 + maxBits - log2(dataBlockMinElements)
        var start = 0, firstBlock = 0
        for s in 0..<max(superBlockCount, 0) {
            let blocks = 1 << (s / 2)
            let elements = (1 << ((s + 1) / 2)) * dataBlockMinElements
            superBlocks.append((blocks, elements, start, firstBlock))
            let (next, overflow) = start.addingReportingOverflow(blocks.multipliedReportingOverflow(by: elements).partialValue)
            start = overflow ? Int.max / 2 : min(next, Int.max / 2)
            firstBlock += blocks
        }
        guard let indexBlock else { return }
        let dataPointers = 2 * (superBlockMinPointers - 1)
        let indexSuperBlocks = 2 * log2(superBlockMinPointers)
        let superPointers = max(superBlockCount - indexSuperBlocks, 0)
        let size = 4 + 1 + 1 + reader.offsetSize + indexElements * elementSize + (dataPointers + superPointers) * reader.offsetSize + 4
        var b = try reader.cursor(at: indexBlock, count: size, structure: "extensible array index block")
        try b.signature("EAIB")
        try b.skip(2 + reader.offsetSize)
        indexElementsBytes = try b.take(indexElements * elementSize)
        for _ in 0..<dataPointers { dataBlockAddresses.append(try b.address()) }
        for _ in 0..<superPointers { superBlockAddresses.append(try b.address()) }
        try b.verifyChecksum()
    }

    private func log2(_ value: Int) -> Int { value <= 0 ? 0 : (Int.bitWidth - 1 - value.leadingZeroBitCount) }

    /// The chunk stored for linear chunk index `index` (nil address: never written).
    mutating func entry(_ index: Int) throws(HDF5Error) -> (UInt64?, Int, UInt32)? {
        let bytes: ArraySlice<UInt8>
        if index < indexElements {
            guard (index + 1) * elementSize <= indexElementsBytes.count else { return nil }
            bytes = indexElementsBytes[index * elementSize..<(index + 1) * elementSize]
        } else {
            let element = index - indexElements
            let s = log2(element / dataBlockMinElements + 1)
            guard s < superBlocks.count else { return nil }
            let info = superBlocks[s]
            let within = element - info.start
            let blockNumber = within / info.elements
            let offset = within % info.elements
            let blockAddress: UInt64?
            var pageBitmap: [UInt8]? = nil
            let indexSuperBlocks = 2 * log2(superBlockMinPointers)
            if s < indexSuperBlocks {
                let k = info.firstBlock + blockNumber
                guard k < dataBlockAddresses.count else { return nil }
                blockAddress = dataBlockAddresses[k]
            } else {
                let k = s - indexSuperBlocks
                guard k < superBlockAddresses.count, let superAddress = superBlockAddresses[k] else { return nil }
                let secondary = try secondaryBlock(superAddress, blocks: info.blocks, elements: info.elements)
                guard blockNumber < secondary.addresses.count else { return nil }
                blockAddress = secondary.addresses[blockNumber]
                pageBitmap = secondary.bitmap
            }
            guard let blockAddress else { return nil }
            let pageSize = 1 << pageBits
            let blockPrefix = 4 + 1 + 1 + reader.offsetSize + (maxBits + 7) / 8
            if info.elements > pageSize {
                // Paged data block: header + checksum, then pages of entries, each with a checksum.
                let page = offset / pageSize
                let pagesPerBlock = info.elements / pageSize
                if let pageBitmap {
                    let bit = blockNumber * pagesPerBlock + page
                    guard bit / 8 < pageBitmap.count, pageBitmap[bit / 8] & (0x80 >> UInt8(bit % 8)) != 0 else { return nil }
                }
                let pageAddress = blockAddress + UInt64(blockPrefix + 4 + page * (pageSize * elementSize + 4))
                if cache[pageAddress] == nil {
                    var p = try reader.cursor(at: pageAddress, count: pageSize * elementSize + 4, structure: "extensible array data block page")
                    p.position = pageSize * elementSize
                    try p.verifyChecksum()
                    cache[pageAddress] = p.bytes
                }
                let start = (offset % pageSize) * elementSize
                bytes = cache[pageAddress]![start..<start + elementSize]
            } else {
                if cache[blockAddress] == nil {
                    var d = try reader.cursor(at: blockAddress, count: blockPrefix + info.elements * elementSize + 4, structure: "extensible array data block")
                    try d.signature("EADB")
                    d.position = blockPrefix + info.elements * elementSize
                    try d.verifyChecksum()
                    cache[blockAddress] = d.bytes
                }
                let start = blockPrefix + offset * elementSize
                bytes = cache[blockAddress]![start..<start + elementSize]
            }
        }
        var c = reader.cursor(over: Array(bytes), origin: 0, structure: "extensible array entry")
        return try decodeChunkEntry(&c, entrySize: elementSize, filtered: filtered, chunkBytes: chunkBytes, available: reader.available)
    }

    private mutating func secondaryBlock(_ address: UInt64, blocks: Int, elements: Int) throws(HDF5Error) -> (addresses: [UInt64?], bitmap: [UInt8]) {
        if let cached = secondaryCache[address] { return cached }
        let pageSize = 1 << pageBits
        let bitmapBytes = elements > pageSize ? (blocks * (elements / pageSize) + 7) / 8 : 0
        let size = 4 + 1 + 1 + reader.offsetSize + (maxBits + 7) / 8 + bitmapBytes + blocks * reader.offsetSize + 4
        var c = try reader.cursor(at: address, count: size, structure: "extensible array secondary block")
        try c.signature("EASB")
        try c.skip(2 + reader.offsetSize + (maxBits + 7) / 8)
        let bitmap = try c.take(bitmapBytes)
        var addresses: [UInt64?] = []
        for _ in 0..<blocks { addresses.append(try c.address()) }
        try c.verifyChecksum()
        secondaryCache[address] = (addresses, bitmap)
        return (addresses, bitmap)
    }
}
