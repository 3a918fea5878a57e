import BackpropIO
import Dispatch

/// The rows (indices along the first axis) of a chunked dataset, read a range at a time through
/// the chunk index, with a bounded cache of decoded chunks: what streaming a chunked dataset
/// larger than memory needs (``HDF5Dataset/read(as:)`` assembles the whole dataset).
///
/// The chunk index is read once, on creation (one small record per stored chunk); a range of
/// rows decodes only the chunks it meets (filters undone, checksums verified, n-bit fields
/// normalised as ``HDF5Dataset/readRaw()`` gives them) and keeps the most recently used ones up
/// to ``cacheBytes``, so two neighbouring ranges that share a chunk decode it once. Rows of
/// chunks never written hold the fill value.
///
/// Shapes: a dataset (d0, d1, …) gives rows of d1·d2·… elements; `rows(a..<b)` is the C-order
/// bytes of the slab (b − a, d1, …).
public final class HDF5ChunkedRows: @unchecked Sendable {
    /// The dataset.
    public let dataset: HDF5Dataset
    /// The most bytes of decoded chunks kept (at least one chunk's worth).
    public let cacheBytes: Int
    private let layout: ChunkedLayout
    /// The stored chunks by their row of chunks (coordinate along the first axis): a range of
    /// rows visits only chunks that exist, never the whole grid.
    private let chunksByRow: [Int: [(coordinates: [Int], chunk: ChunkLocation)]]
    private var cache: [[Int]: (data: [UInt8], used: Int)] = [:]
    private var clock = 0
    /// One ``rows(_:)`` at a time (a streaming reader calls it from its own thread).
    private let lock = DispatchSemaphore(value: 1)

    /// Reads the chunk index of `dataset`.
    ///
    /// - Throws: ``HDF5Error``: `.unsupportedFeature` for a dataset that is not chunked or is a
    ///   scalar; the index's errors (damaged records, chunks outside the dataset).
    public init(_ dataset: HDF5Dataset, cacheBytes: Int = 64 << 20) throws(HDF5Error) {
        let reader = dataset.file.reader
        guard case .chunked(let layout) = dataset.layout.kind, !dataset.shape.isEmpty else {
            throw reader.error(.unsupportedFeature("row reads of \(dataset.layoutDescription) storage"), at: dataset.header.address,
                               "\(dataset.path) is not a chunked array")
        }
        guard layout.elementSize == dataset.elementSize else {
            throw reader.error(.malformed, at: layout.address ?? 0, "chunk element size \(layout.elementSize), datatype size \(dataset.elementSize)")
        }
        // A decoded chunk and the one being decoded are held at once, whatever the cache.
        if let refusal = MemoryBudget.current.refusal(bytes: MemoryBudget.sum([layout.chunkBytes, layout.chunkBytes]),
                                                      for: "\(dataset.path): two chunks of \(layout.chunkBytes) bytes") {
            throw reader.error(.overMemoryBudget, at: dataset.header.address, refusal.description)
        }
        let index = ChunkIndex(reader: reader, layout: layout, dims: dataset.shape, maxDims: dataset.maximumShape, filtered: !dataset.filters.isEmpty)
        // A chunk listed twice at the same place: the later one stands, as in a whole read.
        var chunks: [[Int]: ChunkLocation] = [:]
        for chunk in try index.chunks() {
            let rank = dataset.shape.count
            guard chunk.offsets.count == rank, (0..<rank).allSatisfy({ chunk.offsets[$0] % layout.chunkDimensions[$0] == 0 }) else {
                throw reader.error(.malformed, at: chunk.address, "chunk at \(chunk.offsets) not aligned to chunk shape \(layout.chunkDimensions)")
            }
            if (0..<rank).contains(where: { chunk.offsets[$0] >= dataset.shape[$0] }) { continue }
            chunks[zip(chunk.offsets, layout.chunkDimensions).map { $0 / $1 }] = chunk
        }
        var chunksByRow: [Int: [(coordinates: [Int], chunk: ChunkLocation)]] = [:]
        for (coordinates, chunk) in chunks { chunksByRow[coordinates[0], default: []].append((coordinates, chunk)) }
        self.dataset = dataset
        self.layout = layout
        self.chunksByRow = chunksByRow
        self.cacheBytes = Swift.max(cacheBytes, layout.chunkBytes)
    }

    /// The bytes of one row (d1·d2·… elements).
    public var rowBytes: Int { dataset.shape.dropFirst().reduce(dataset.elementSize, *) }

    /// The C-order bytes of rows `range` (b − a rows of ``rowBytes``).
    ///
    /// - Throws: ``HDF5Error`` for a chunk that cannot be read or decoded (naming its address),
    ///   or a range outside the dataset's first axis.
    public func rows(_ range: Range<Int>) throws(HDF5Error) -> [UInt8] {
        lock.wait()
        defer { lock.signal() }
        let shape = dataset.shape, chunkShape = layout.chunkDimensions
        guard range.lowerBound >= 0, range.upperBound <= shape[0] else {
            throw dataset.file.reader.error(.malformed, at: dataset.header.address, "rows \(range) of a dataset of \(shape[0])")
        }
        var output = dataset.fill(count: range.count * rowBytes)
        guard !range.isEmpty else { return output }
        let needed = (range.lowerBound / chunkShape[0])...((range.upperBound - 1) / chunkShape[0])
        // The rows of chunks the range meets, or the stored ones among them when fewer: a file
        // of few chunks declaring millions of rows costs its chunks, not its rows.
        let visited = needed.count <= chunksByRow.count ? Array(needed) : chunksByRow.keys.filter { needed.contains($0) }.sorted()
        for row in visited {
            for (coordinates, chunk) in chunksByRow[row] ?? [] {
                copy(try decoded(coordinates, chunk), at: zip(coordinates, chunkShape).map { $0 * $1 }, rows: range, into: &output)
            }
        }
        return dataset.bitField.map { $0.normalize(output, datatype: dataset.datatype) } ?? output
    }

    /// The decoded bytes of a chunk, from the cache or read and decoded now (evicting the
    /// least recently used chunks beyond ``cacheBytes``).
    private func decoded(_ coordinates: [Int], _ chunk: ChunkLocation) throws(HDF5Error) -> [UInt8] {
        clock += 1
        if let hit = cache[coordinates] {
            cache[coordinates] = (hit.data, clock)
            return hit.data
        }
        let reader = dataset.file.reader
        let stored = try reader.bytes(at: chunk.address, count: chunk.size, structure: "chunk")
        let data = dataset.filters.isEmpty ? stored
            : try HDF5Filter.decode(stored, filters: dataset.filters, mask: chunk.filterMask, expected: layout.chunkBytes,
                                    elementSize: dataset.elementSize, place: ChunkPlace(reader: reader, address: chunk.address))
        guard data.count >= layout.chunkBytes else {
            throw reader.error(.truncated, at: chunk.address, "chunk of \(data.count) bytes, \(layout.chunkBytes) expected")
        }
        while !cache.isEmpty && (cache.count + 1) * layout.chunkBytes > cacheBytes {
            if let oldest = cache.min(by: { $0.value.used < $1.value.used })?.key { cache[oldest] = nil }
        }
        cache[coordinates] = (data, clock)
        return data
    }

    /// Copies the part of a chunk at `origin` that lies in rows `range` (and inside the
    /// dataset) into `output`, the slab of those rows.
    private func copy(_ chunk: [UInt8], at origin: [Int], rows range: Range<Int>, into output: inout [UInt8]) {
        let shape = dataset.shape, chunkShape = layout.chunkDimensions, size = dataset.elementSize, rank = shape.count
        let first = Swift.max(range.lowerBound, origin[0]), end = Swift.min(range.upperBound, origin[0] + chunkShape[0])
        guard first < end else { return }
        var extent = (0..<rank).map { Swift.min(chunkShape[$0], shape[$0] - origin[$0]) }
        extent[0] = end - first
        var slabStride = [Int](repeating: 1, count: rank), chunkStride = [Int](repeating: 1, count: rank)
        for d in stride(from: rank - 2, through: 0, by: -1) {
            slabStride[d] = slabStride[d + 1] * shape[d + 1]
            chunkStride[d] = chunkStride[d + 1] * chunkShape[d + 1]
        }
        let run = extent[rank - 1] * size
        var position = [Int](repeating: 0, count: rank)
        chunk.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                repeat {
                    var from = (first - origin[0] + position[0]) * chunkStride[0], to = (first - range.lowerBound + position[0]) * slabStride[0]
                    for d in 1..<rank {
                        from += position[d] * chunkStride[d]
                        to += (origin[d] + position[d]) * slabStride[d]
                    }
                    (target.baseAddress! + to * size).update(from: source.baseAddress! + from * size, count: run)
                } while advance(&position, within: extent, dimensions: rank - 1)
            }
        }
    }
}
