extension StorageLayout {
    /// The data layout message body (HDF5 specification IV.A.2.i, version 3) of contiguous data:
    /// class 1, the address (undefined when there are no bytes) and the size in bytes.
    static func encodeContiguous(address: UInt64?, size: Int) -> [UInt8] {
        var w = HDF5ByteWriter()
        w.uint8(3)
        w.uint8(1)
        w.address(address)
        w.uint64(UInt64(size))
        return w.bytes
    }

    /// The data layout message body (version 3) of chunked data: class 2, the dimensionality
    /// (rank + 1), the v1 B-tree's address (undefined when no chunk is stored), each chunk
    /// dimension and the element size, 4 bytes each.
    static func encodeChunked(index: UInt64?, chunkShape: [Int], elementSize: Int) -> [UInt8] {
        var w = HDF5ByteWriter()
        w.uint8(3)
        w.uint8(2)
        w.uint8(UInt8(chunkShape.count + 1))
        w.address(index)
        for d in chunkShape { w.uint32(UInt32(d)) }
        w.uint32(UInt32(elementSize))
        return w.bytes
    }

    /// Appends the chunks of `array` (chunk shape `chunkShape`, row-major chunk order, edge
    /// chunks whole with a zero overhang), each passed through `filters`, then their v1 B-tree
    /// index; returns the index's address, nil when the dataset has no elements.
    static func writeChunks(of array: HDF5Array, chunkShape: [Int], filters: [HDF5Filter],
                            into w: inout HDF5ByteWriter) -> UInt64? {
        let shape = array.shape
        guard array.elementCount > 0 else { return nil }
        let counts = (0..<shape.count).map { (shape[$0] + chunkShape[$0] - 1) / chunkShape[$0] }
        var chunks: [BTreeV1.ChunkEntry] = []
        var grid = Array(repeating: 0, count: shape.count)
        repeat {
            let offsets = (0..<shape.count).map { grid[$0] * chunkShape[$0] }
            let raw = chunk(of: array, at: offsets, chunkShape: chunkShape)
            let stored = filters.isEmpty ? raw : HDF5Filter.encode(raw, filters: filters)
            chunks.append(BTreeV1.ChunkEntry(offsets: offsets, address: UInt64(w.count), size: stored.count))
            w.append(stored)
        } while advance(&grid, within: counts, dimensions: shape.count)
        return BTreeV1.writeChunkIndex(chunks, chunkShape: chunkShape, elementSize: array.datatype.size, into: &w)
    }

    /// The bytes of the chunk of `array` starting at element `offsets`: `chunkShape` elements,
    /// those past the array's edge zero.
    static func chunk(of array: HDF5Array, at offsets: [Int], chunkShape: [Int]) -> [UInt8] {
        let shape = array.shape, rank = shape.count, last = rank - 1
        let elementSize = array.datatype.size
        var arrayStride = Array(repeating: 1, count: rank)
        var chunkStride = Array(repeating: 1, count: rank)
        for d in stride(from: rank - 2, through: 0, by: -1) {
            arrayStride[d] = arrayStride[d + 1] * shape[d + 1]
            chunkStride[d] = chunkStride[d + 1] * chunkShape[d + 1]
        }
        let extent = (0..<rank).map { min(chunkShape[$0], shape[$0] - offsets[$0]) }
        let run = extent[last] * elementSize
        var out = [UInt8](repeating: 0, count: chunkStride[0] * chunkShape[0] * elementSize)
        var position = Array(repeating: 0, count: rank)
        array.bytes.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                repeat {
                    var from = 0, to = 0
                    for d in 0..<rank {
                        from += (offsets[d] + position[d]) * arrayStride[d]
                        to += position[d] * chunkStride[d]
                    }
                    let s = from * elementSize, t = to * elementSize
                    for k in 0..<run { target[t + k] = source[s + k] }
                } while advance(&position, within: extent, dimensions: last)
            }
        }
        return out
    }
}
