import Testing
import BackpropHDF5

/// `HDF5ChunkedRows` against the whole-dataset reader: every chunked dataset of the filter
/// fixtures (LZF, scale-offset, n-bit, deflate, shuffle, fletcher32, both byte orders, edge
/// chunks; written by h5py) and the writer's chunked datasets (rank 1–3), read as ranges of
/// rows, give exactly the bytes of `readRaw()`'s slice; a chunk that fails its checksum is an
/// error for the ranges that meet it only.
@Suite struct HDF5ChunkedRowsTests {
    /// Ranges covering a dataset of `m` rows: whole, single rows, chunk-straddling pieces.
    static func ranges(_ m: Int) -> [Range<Int>] {
        var result = [0..<m, 0..<0, 0..<Swift.min(1, m), (m - 1)..<m]
        for start in stride(from: 0, to: m, by: Swift.max(1, m / 5)) { result.append(start..<Swift.min(m, start + 7)) }
        return result.filter { $0.lowerBound >= 0 }
    }

    static func expectRowsMatch(_ dataset: HDF5Dataset, cacheBytes: Int = 64 << 20) throws {
        let whole = try dataset.readRaw()
        let rows = try HDF5ChunkedRows(dataset, cacheBytes: cacheBytes)
        let rowBytes = rows.rowBytes
        #expect(rowBytes * dataset.shape[0] == whole.bytes.count)
        for range in ranges(dataset.shape[0]) {
            #expect(try rows.rows(range) == Array(whole.bytes[(range.lowerBound * rowBytes)..<(range.upperBound * rowBytes)]),
                    "\(dataset.path) rows \(range)")
        }
    }

    @Test(arguments: ["lzf.h5", "scaleoffset.h5", "nbit.h5"])
    func filteredChunksReadAsRowsAsTheWholeDataset(file: String) throws {
        let h5 = try HDF5File(path: fixture("filters/" + file))
        for path in try h5.root.datasetPaths() {
            try Self.expectRowsMatch(h5.dataset(at: path))
            try Self.expectRowsMatch(h5.dataset(at: path), cacheBytes: 1)  // one chunk cached at a time
        }
    }

    @Test func writerChunksOfEveryRankReadAsRows() throws {
        var writer = HDF5Writer()
        let values = (0..<(23 * 5 * 3)).map { Float($0) * 0.5 }
        try writer.createDataset("r1", HDF5Array(values, shape: [values.count]), storage: .chunked(shape: [16], deflateLevel: 6))
        try writer.createDataset("r2", HDF5Array(values, shape: [23, 15]), storage: .chunked(shape: [4, 6], deflateLevel: 1, shuffle: true))
        try writer.createDataset("r3", HDF5Array(values, shape: [23, 5, 3]), storage: .chunked(shape: [5, 2, 3]))
        let h5 = try HDF5File(bytes: writer.encoded(), name: "written.h5")
        for path in ["r1", "r2", "r3"] { try Self.expectRowsMatch(h5.dataset(at: path)) }
        #expect(throws: HDF5Error.self) { try HDF5ChunkedRows(h5.dataset(at: "r2")).rows(20..<24) }
        var contiguous = HDF5Writer()
        try contiguous.createDataset("c", HDF5Array(values, shape: [23, 15]))
        #expect(throws: HDF5Error.self) { try HDF5ChunkedRows(HDF5File(bytes: contiguous.encoded(), name: "c.h5").dataset(at: "c")) }
    }

    /// filters/damaged_chunk.h5 (make_stream_fixtures.py): chunk 2 of `x` (rows 16..<24) has a
    /// flipped byte under fletcher32.
    @Test func aDamagedChunkFailsOnlyTheRowsThatMeetIt() throws {
        let rows = try HDF5ChunkedRows(HDF5File(path: fixture("filters/damaged_chunk.h5")).dataset(at: "x"))
        #expect(try rows.rows(0..<16).count == 16 * 12)
        #expect(try rows.rows(24..<40).count == 16 * 12)
        let error = try #require(throws: HDF5Error.self) { try rows.rows(10..<18) }
        #expect(error.kind == .checksumMismatch)
    }
}
