/// How ``HDF5Writer`` stores a dataset's data.
///
/// ```swift
/// try file.createDataset("/train_set_x", x)                                  // contiguous
/// try file.createDataset("/train_set_x", x, storage: .chunked(shape: [1, 64, 64, 3], deflateLevel: 6, shuffle: true))
/// ```
public enum HDF5Storage: Sendable, Equatable {
    /// One block of bytes after the object header (h5py's default).
    case contiguous
    /// Chunks of `shape` elements (the same rank as the dataset), each stored on its own and
    /// found through a version 1 B-tree; edge chunks are stored whole, their overhang zero.
    /// `shuffle` applies HDF5's byte shuffle, then `deflateLevel` (0…9) compresses each chunk
    /// with zlib, as h5py's `compression="gzip", compression_opts=level, shuffle=True` does.
    case chunked(shape: [Int], deflateLevel: Int? = nil, shuffle: Bool = false)

    /// The filters applied to each chunk, in order, for elements of `elementSize` bytes.
    func filters(elementSize: Int) -> [HDF5Filter] {
        guard case .chunked(_, let level, let shuffle) = self else { return [] }
        var filters: [HDF5Filter] = []
        if shuffle { filters.append(.shuffle(elementSize: elementSize)) }
        if let level { filters.append(.deflate(level: level)) }
        return filters
    }

    /// Checks the chunking against a dataset of `shape` with elements of `elementSize` bytes.
    ///
    /// - Throws: ``HDF5WriteError`` `.invalidStorage` for a chunk shape of another rank, a
    ///   dimension below 1 or above 2³² − 1, a chunk of 4 GiB or more, a scalar dataset, or a
    ///   deflate level outside 0…9.
    func check(shape: [Int], elementSize: Int, path: String) throws(HDF5WriteError) {
        guard case .chunked(let chunk, let level, _) = self else { return }
        func refuse(_ found: String) -> HDF5WriteError { HDF5WriteError(.invalidStorage, path: path, found: found) }
        guard !shape.isEmpty else { throw refuse("a scalar dataset cannot be chunked") }
        guard chunk.count == shape.count else { throw refuse("chunk shape \(chunk) for a dataset of shape \(shape)") }
        guard chunk.allSatisfy({ $0 >= 1 && $0 <= Int(UInt32.max) }) else { throw refuse("chunk shape \(chunk): each dimension must be at least 1") }
        var bytes = elementSize
        for d in chunk {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: d)
            guard !overflow, product < ChunkedLayout.maximumChunkBytes else {
                throw refuse("chunk shape \(chunk) of \(elementSize)-byte elements reaches 4 GiB (HDF5's limit)")
            }
            bytes = product
        }
        if let level, !(0...9).contains(level) { throw refuse("deflate level \(level); expected 0 to 9") }
    }
}
