import BackpropCompression

/// Where a chunk lies, for the errors its filters throw: the file's name and the chunk's
/// absolute byte offset.
struct ChunkPlace {
    var file: String
    var offset: UInt64?

    init(file: String, offset: UInt64?) {
        self.file = file
        self.offset = offset
    }

    init(reader: HDF5Reader, address: UInt64) {
        let error = reader.error(.malformed, at: address, "")
        self.init(file: error.file, offset: error.offset)
    }

    func error(_ kind: HDF5Error.Kind, _ found: String) -> HDF5Error {
        HDF5Error(kind, file: file, offset: offset, found: found)
    }
}

extension HDF5Filter {
    /// Undoes one filter on one chunk held in memory, as the reader does for each stored chunk:
    /// the entry point of the filter decoders' fuzz harnesses.
    ///
    /// - Parameters:
    ///   - chunk: the stored (filtered) bytes.
    ///   - elementSize: the dataset's element size (shuffle's default).
    ///   - expected: the chunk's size in bytes once unfiltered; output is capped at it.
    /// - Returns: the unfiltered bytes, exactly `expected` of them.
    /// - Throws: ``HDF5Error`` for bytes or parameters the filter cannot undo, naming the file
    ///   `<chunk>`.
    public func undo(_ chunk: [UInt8], elementSize: Int, expected: Int) throws(HDF5Error) -> [UInt8] {
        try HDF5Filter.decode(chunk, filters: [self], mask: 0, expected: expected, elementSize: elementSize,
                              place: ChunkPlace(file: "<chunk>", offset: nil))
    }

    /// Undoes the filters of one chunk, last filter first, skipping those whose bit is set in
    /// `mask`, and checks the result has `expected` bytes.
    ///
    /// - deflate (1): zlib stream, inflated by `BackpropCompression.Zlib`;
    /// - shuffle (2): byte `b` of element `i` was stored at `b * count + i`;
    /// - fletcher32 (3): the last 4 bytes are the Fletcher-32 of the rest, verified and removed;
    /// - n-bit (5): ``NBit``; scale-offset (6): ``ScaleOffset``; LZF (32000): ``LZF``.
    ///
    /// - Throws: `.decompressionFailed`, `.checksumMismatch`, `.unsupportedFeature("filter N")`,
    ///   `.malformed` when the size after filtering is not the chunk size.
    static func decode(_ input: [UInt8], filters: [HDF5Filter], mask: UInt32, expected: Int, elementSize: Int,
                       place: ChunkPlace) throws(HDF5Error) -> [UInt8] {
        var data = input
        for (position, filter) in filters.enumerated().reversed() {
            if position < 32 && mask & (1 << UInt32(position)) != 0 { continue }
            do throws(FilterFailure) {
                data = try filter.undoOne(data, expected: expected, elementSize: elementSize)
            } catch {
                throw place.error(error.kind, error.found)
            }
        }
        guard data.count == expected else {
            throw place.error(.malformed, "chunk has \(data.count) bytes after filtering, expected \(expected)")
        }
        return data
    }

    /// This filter undone on `data`.
    private func undoOne(_ data: [UInt8], expected: Int, elementSize: Int) throws(FilterFailure) -> [UInt8] {
        switch id {
        case 1:
            do throws(CompressionError) {
                return try Zlib.decompress(data, maximumOutputCount: expected)
            } catch {
                throw FilterFailure(.decompressionFailed, "deflate: \(error)")
            }
        case 2:
            return HDF5Filter.unshuffle(data, elementSize: parameters.first.map(Int.init) ?? elementSize)
        case 3:
            return try HDF5Filter.checkFletcher32(data)
        case 5:
            return try NBit.decode(data, parameters: parameters, expected: expected)
        case 6:
            return try ScaleOffset.decode(data, parameters: parameters, expected: expected)
        case 32000:
            return try LZF.decompress(data, maximumOutputCount: expected)
        default:
            // An optional filter that failed when writing has its mask bit set (skipped by
            // decode); without the bit the chunk holds its output, which cannot be undone here.
            throw FilterFailure(.unsupportedFeature("filter \(id)"), "\(description) is not implemented (\(HDF5Filter.supported) are)")
        }
    }

    /// The filters the reader undoes, in words.
    static let supported = "deflate, shuffle, fletcher32, n-bit, scale-offset and LZF"

    /// The chunk without its last 4 bytes, which must be the Fletcher-32 of the rest.
    private static func checkFletcher32(_ data: [UInt8]) throws(FilterFailure) -> [UInt8] {
        guard data.count >= 4 else { throw FilterFailure(.malformed, "fletcher32 chunk of \(data.count) bytes") }
        let body = data.count - 4
        let stored = UInt32(data[body]) | UInt32(data[body + 1]) << 8 | UInt32(data[body + 2]) << 16 | UInt32(data[body + 3]) << 24
        let computed = Checksum.fletcher32(data[0..<body])
        // Files from HDF5 before 1.6.? stored the sum with its bytes swapped in pairs.
        let swapped = (computed & 0x00ff_00ff) << 8 | (computed & 0xff00_ff00) >> 8
        guard stored == computed || stored == swapped else {
            throw FilterFailure(.checksumMismatch,
                                "chunk fletcher32 stores 0x\(String(stored, radix: 16)), computed 0x\(String(computed, radix: 16))")
        }
        return Array(data[0..<body])
    }

    /// Reverses HDF5's shuffle: the input holds all first bytes, then all second bytes...
    static func unshuffle(_ data: [UInt8], elementSize: Int) -> [UInt8] {
        guard elementSize > 1, data.count >= elementSize else { return data }
        let count = data.count / elementSize
        var out = data  // a trailing partial element stays as it is
        data.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for b in 0..<elementSize {
                    let base = b * count
                    for i in 0..<count { target[i * elementSize + b] = source[base + i] }
                }
            }
        }
        return out
    }
}
