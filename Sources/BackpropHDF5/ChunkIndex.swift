/// One stored chunk: where it starts in the dataset (element coordinates), where it lies in
/// the file, its stored (possibly compressed) size and which filters were skipped for it.
struct ChunkLocation {
    var offsets: [Int]
    var address: UInt64
    var size: Int
    var filterMask: UInt32
}

/// Finds the stored chunks of a chunked dataset through any of the specification's chunk
/// indexes (v1 B-tree, single chunk, implicit, fixed array, extensible array, v2 B-tree).
/// Chunks never written are simply absent: the caller fills their region with the fill value.
struct ChunkIndex {
    let reader: HDF5Reader
    let layout: ChunkedLayout
    /// The dataset's current and maximum dimensions (maximum: `nil` for unlimited).
    let dims: [Int]
    let maxDims: [Int?]
    let filtered: Bool

    func chunks() throws(HDF5Error) -> [ChunkLocation] {
        guard let address = layout.address else { return [] }
        let rank = dims.count
        guard layout.chunkDimensions.count == rank else {
            throw reader.error(.malformed, at: address, "chunks of rank \(layout.chunkDimensions.count) for a dataset of rank \(rank)")
        }
        switch layout.index {
        case .btreeV1:
            let keySize = 8 + 8 * (rank + 1)
            var result: [ChunkLocation] = []
            for entry in try BTreeV1.leafEntries(reader: reader, root: address, nodeType: 1, keySize: keySize) {
                var key = entry.key
                let size = try key.count(4, limit: reader.available, what: "chunk size")
                let mask = try key.uint32()
                var offsets: [Int] = []
                for _ in 0..<rank { offsets.append(try coordinate(try key.uint64(), key)) }
                result.append(ChunkLocation(offsets: offsets, address: entry.child, size: size, filterMask: mask))
            }
            return result
        case .singleChunk(let filteredSize, let mask):
            let size = filteredSize ?? UInt64(layout.chunkBytes)
            guard size <= reader.available else { throw reader.error(.sizeTooLarge, at: address, "single chunk of \(size) bytes") }
            return [ChunkLocation(offsets: Array(repeating: 0, count: rank), address: address, size: Int(size), filterMask: mask)]
        case .implicit:
            return try gridChunks(maxCounts: maxChunkCounts(), unlimitedFirst: nil) { index throws(HDF5Error) in
                let (start, overflow) = UInt64(index).multipliedReportingOverflow(by: UInt64(layout.chunkBytes))
                guard !overflow else { throw reader.error(.sizeTooLarge, at: address, "implicit chunk \(index)") }
                return (address + start, layout.chunkBytes, 0)
            }
        case .fixedArray:
            let array = try FixedArrayIndex(reader: reader, address: address, filtered: filtered, chunkBytes: layout.chunkBytes)
            return try gridChunks(maxCounts: maxChunkCounts(), unlimitedFirst: nil) { index throws(HDF5Error) in
                try array.entry(index)
            }
        case .extensibleArray:
            var array = try ExtensibleArrayIndex(reader: reader, address: address, filtered: filtered, chunkBytes: layout.chunkBytes)
            let unlimited = maxDims.firstIndex { $0 == nil }
            return try gridChunks(maxCounts: maxChunkCounts(), unlimitedFirst: unlimited) { index throws(HDF5Error) in
                try array.entry(index)
            }
        case .btreeV2:
            let tree = try BTreeV2(reader: reader, address: address)
            guard tree.type == 10 || tree.type == 11 else {
                throw reader.error(.malformed, at: address, "chunk index B-tree of type \(tree.type), expected 10 or 11")
            }
            var result: [ChunkLocation] = []
            for var record in try tree.records() {
                guard let chunk = try record.address() else { continue }
                var size = layout.chunkBytes
                var mask: UInt32 = 0
                if tree.type == 11 {
                    let sizeBytes = tree.recordSize - reader.offsetSize - 4 - 8 * rank
                    guard (1...8).contains(sizeBytes) else { throw record.error(.malformed, "chunk size field of \(sizeBytes) bytes") }
                    size = try record.count(sizeBytes, limit: reader.available, what: "chunk size")
                    mask = try record.uint32()
                }
                var offsets: [Int] = []
                for d in 0..<rank {
                    let scaled = try record.uint64()
                    let (element, overflow) = scaled.multipliedReportingOverflow(by: UInt64(layout.chunkDimensions[d]))
                    guard !overflow else { throw record.error(.malformed, "chunk coordinate \(scaled)") }
                    offsets.append(try coordinate(element, record))
                }
                result.append(ChunkLocation(offsets: offsets, address: chunk, size: size, filterMask: mask))
            }
            return result
        }
    }

    private func coordinate(_ value: UInt64, _ c: HDF5ByteReader) throws(HDF5Error) -> Int {
        guard value <= UInt64(Int.max / 2) else { throw c.error(.malformed, "chunk coordinate \(value)") }
        return Int(value)
    }

    /// Chunks per dimension over the maximum dimensions (current ones where unlimited).
    private func maxChunkCounts() -> [Int] {
        (0..<dims.count).map { d in
            let extent = maxDims[d] ?? dims[d]
            return (max(extent, dims[d]) + layout.chunkDimensions[d] - 1) / layout.chunkDimensions[d]
        }
    }

    /// Visits every chunk position of the current grid, computing its linear index in row-major
    /// order over `maxCounts` (with dimension `unlimitedFirst` moved to the front, as the
    /// extensible array index does), and asks `lookup` for its storage.
    private func gridChunks(maxCounts: [Int], unlimitedFirst: Int?,
                            lookup: (Int) throws(HDF5Error) -> (UInt64?, Int, UInt32)?) throws(HDF5Error) -> [ChunkLocation] {
        let rank = dims.count
        let counts = (0..<rank).map { (dims[$0] + layout.chunkDimensions[$0] - 1) / layout.chunkDimensions[$0] }
        if counts.contains(0) { return [] }
        var order = Array(0..<rank)
        if let u = unlimitedFirst { order.remove(at: u); order.insert(u, at: 0) }
        var result: [ChunkLocation] = []
        var position = Array(repeating: 0, count: rank)
        while true {
            var linear = 0
            for d in order { linear = linear * maxCounts[d] + position[d] }
            if let (address, size, mask) = try lookup(linear), let address {
                result.append(ChunkLocation(offsets: (0..<rank).map { position[$0] * layout.chunkDimensions[$0] },
                                            address: address, size: size, filterMask: mask))
            }
            guard advance(&position, within: counts, dimensions: rank) else { break }
        }
        return result
    }
}

/// Decodes one chunk-index element of a fixed or extensible array: the chunk address, and for
/// filtered datasets its stored size and filter mask.
func decodeChunkEntry(_ c: inout HDF5ByteReader, entrySize: Int, filtered: Bool, chunkBytes: Int, available: UInt64) throws(HDF5Error) -> (UInt64?, Int, UInt32) {
    let address = try c.address()
    guard filtered else { return (address, chunkBytes, 0) }
    let sizeBytes = entrySize - c.offsetSize - 4
    guard (1...8).contains(sizeBytes) else { throw c.error(.malformed, "filtered chunk entry of \(entrySize) bytes") }
    let size = try c.count(sizeBytes, limit: available, what: "chunk size")
    return (address, size, try c.uint32())
}
