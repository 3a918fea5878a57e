/// Where a dataset's raw data lives (the data layout message, HDF5 specification IV.A.2.i).
struct StorageLayout: Sendable {
    enum Kind: Sendable {
        /// The data are inside the object header.
        case compact([UInt8])
        /// One block of `size` bytes at `address` (nil: never written, read as fill value).
        case contiguous(address: UInt64?, size: UInt64)
        /// Chunks found through `index`.
        case chunked(ChunkedLayout)
    }

    var kind: Kind

    /// "compact", "contiguous", "chunked (4×3, fixed array)".
    var description: String {
        switch kind {
        case .compact: return "compact"
        case .contiguous: return "contiguous"
        case .chunked(let chunked):
            return "chunked (\(chunked.chunkDimensions.map(String.init).joined(separator: "×")), \(chunked.index.name))"
        }
    }

    static func parse(_ c: inout HDF5ByteReader, rank: Int) throws(HDF5Error) -> StorageLayout {
        let start = c.position
        let version = Int(try c.uint8())
        switch version {
        case 1, 2:
            let dimensionality = Int(try c.uint8())
            let layoutClass = try c.uint8()
            try c.skip(5)
            var address: UInt64? = nil
            if layoutClass != 0 { address = try c.address() }
            guard dimensionality <= Dataspace.maximumRank + 1 else { throw c.error(.sizeTooLarge, "dimensionality \(dimensionality)") }
            var sizes: [UInt64] = []
            for _ in 0..<dimensionality { sizes.append(UInt64(try c.uint32())) }
            switch layoutClass {
            case 0:
                let size = Int(try c.uint32())
                return StorageLayout(kind: .compact(try c.take(size)))
            case 1:
                // Version 1/2 contiguous: the size is the product of the dimensions (times the
                // element size, applied by the dataset).
                return StorageLayout(kind: .contiguous(address: address, size: .max))
            case 2:
                let elementSize = Int(try c.uint32())
                return StorageLayout(kind: .chunked(try ChunkedLayout(
                    c: c, dims: Array(sizes.dropLast()), elementSize: elementSize, index: .btreeV1, address: address)))
            default:
                throw c.error(.malformed, "layout class \(layoutClass)", at: start + 2)
            }
        case 3, 4, 5:
            let layoutClass = try c.uint8()
            switch layoutClass {
            case 0:
                let size = Int(try c.uint16())
                return StorageLayout(kind: .compact(try c.take(size)))
            case 1:
                let address = try c.address()
                return StorageLayout(kind: .contiguous(address: address, size: try c.length()))
            case 2 where version == 3:
                let dimensionality = Int(try c.uint8())
                guard dimensionality >= 1, dimensionality <= Dataspace.maximumRank + 1 else {
                    throw c.error(.malformed, "chunk dimensionality \(dimensionality)")
                }
                let address = try c.address()
                var sizes: [UInt64] = []
                for _ in 0..<dimensionality { sizes.append(UInt64(try c.uint32())) }
                return StorageLayout(kind: .chunked(try ChunkedLayout(
                    c: c, dims: Array(sizes.dropLast()), elementSize: Int(sizes.last!), index: .btreeV1, address: address)))
            case 2:
                return try parseChunkedVersion4(&c)
            case 3:
                throw c.error(.unsupportedFeature("virtual dataset layout"), "virtual datasets are not read", at: start + 1)
            default:
                throw c.error(.malformed, "layout class \(layoutClass)", at: start + 1)
            }
        default:
            throw c.error(.unsupportedVersion(structure: "data layout message", version: version), "versions 1 to 5 are supported", at: start)
        }
    }

    /// The chunked layout of a version 4 or 5 data layout message, after its class byte: flags,
    /// the chunk dimensions in `encoded` bytes each, the chunk index type and its parameters,
    /// and the index address.
    private static func parseChunkedVersion4(_ c: inout HDF5ByteReader) throws(HDF5Error) -> StorageLayout {
        let flags = try c.uint8()
        let dimensionality = Int(try c.uint8())
        guard dimensionality >= 1, dimensionality <= Dataspace.maximumRank + 1 else {
            throw c.error(.malformed, "chunk dimensionality \(dimensionality)")
        }
        let encoded = Int(try c.uint8())
        guard (1...8).contains(encoded) else { throw c.error(.malformed, "dimension size of \(encoded) bytes") }
        var sizes: [UInt64] = []
        for _ in 0..<dimensionality { sizes.append(try c.uint(encoded)) }
        let indexType = try c.uint8()
        let index: ChunkIndexKind
        switch indexType {
        case 1:
            var filteredSize: UInt64? = nil
            var mask: UInt32 = 0
            if flags & 0x02 != 0 {
                filteredSize = try c.length()
                mask = try c.uint32()
            }
            index = .singleChunk(filteredSize: filteredSize, filterMask: mask)
        case 2: index = .implicit
        case 3: index = .fixedArray(pageBits: Int(try c.uint8()))
        case 4:
            let parameters = try c.take(5)
            index = .extensibleArray(parameters)
        case 5:
            try c.skip(6)  // node size, split and merge percentages
            index = .btreeV2
        default:
            throw c.error(.malformed, "chunk index type \(indexType)")
        }
        let address = try c.address()
        return StorageLayout(kind: .chunked(try ChunkedLayout(
            c: c, dims: Array(sizes.dropLast()), elementSize: Int(sizes.last!), index: index, address: address)))
    }
}

/// The chunk-index structures of the specification.
enum ChunkIndexKind: Sendable {
    case btreeV1
    case singleChunk(filteredSize: UInt64?, filterMask: UInt32)
    case implicit
    case fixedArray(pageBits: Int)
    case extensibleArray([UInt8])
    case btreeV2

    var name: String {
        switch self {
        case .btreeV1: return "v1 B-tree"
        case .singleChunk: return "single chunk"
        case .implicit: return "implicit index"
        case .fixedArray: return "fixed array"
        case .extensibleArray: return "extensible array"
        case .btreeV2: return "v2 B-tree"
        }
    }
}

/// A chunked layout: chunk shape, element size and index.
struct ChunkedLayout: Sendable {
    /// Chunk shape in elements (without the trailing element-size dimension).
    var chunkDimensions: [Int]
    var elementSize: Int
    var index: ChunkIndexKind
    /// Address of the index (or of the single chunk / the implicit chunk block); nil when no
    /// chunk was ever written.
    var address: UInt64?
    /// Bytes of one uncompressed chunk.
    var chunkBytes: Int

    /// The largest chunk accepted, in bytes (HDF5 itself limits chunks to 4 GiB).
    static let maximumChunkBytes = 1 << 32

    init(c: HDF5ByteReader, dims: [UInt64], elementSize: Int, index: ChunkIndexKind, address: UInt64?) throws(HDF5Error) {
        var bytes = elementSize
        var shape: [Int] = []
        for d in dims {
            guard d > 0, d <= UInt64(ChunkedLayout.maximumChunkBytes) else { throw c.error(.malformed, "chunk dimension \(d)") }
            shape.append(Int(d))
            let (product, overflow) = bytes.multipliedReportingOverflow(by: Int(d))
            guard !overflow, product <= ChunkedLayout.maximumChunkBytes else {
                throw c.error(.sizeTooLarge, "chunk of \(dims) elements × \(elementSize) bytes exceeds \(ChunkedLayout.maximumChunkBytes) bytes")
            }
            bytes = product
        }
        guard elementSize > 0 else { throw c.error(.malformed, "chunk element size \(elementSize)") }
        chunkDimensions = shape
        self.elementSize = elementSize
        self.index = index
        self.address = address
        chunkBytes = bytes
    }
}
