import BackpropCompression

extension HDF5Filter {
    /// Undoes the filters of one chunk, last filter first, skipping those whose bit is set in
    /// `mask`, and checks the result has `expected` bytes.
    ///
    /// - deflate (1): zlib stream, inflated by `BackpropCompression.Zlib`;
    /// - shuffle (2): byte `b` of element `i` was stored at `b * count + i`;
    /// - fletcher32 (3): the last 4 bytes are the Fletcher-32 of the rest, verified and removed.
    ///
    /// - Throws: `.decompressionFailed`, `.checksumMismatch`, `.unsupportedFeature("filter N")`,
    ///   `.malformed` when the size after filtering is not the chunk size.
    static func decode(_ input: [UInt8], filters: [HDF5Filter], mask: UInt32, expected: Int, elementSize: Int,
                       reader: HDF5Reader, address: UInt64) throws(HDF5Error) -> [UInt8] {
        var data = input
        for (position, filter) in filters.enumerated().reversed() {
            if position < 32 && mask & (1 << UInt32(position)) != 0 { continue }
            switch filter.id {
            case 1:
                do throws(CompressionError) {
                    data = try Zlib.decompress(data, maximumOutputCount: expected)
                } catch {
                    throw reader.error(.decompressionFailed, at: address, "deflate: \(error)")
                }
            case 2:
                let size = filter.parameters.first.map(Int.init) ?? elementSize
                data = unshuffle(data, elementSize: size)
            case 3:
                guard data.count >= 4 else { throw reader.error(.malformed, at: address, "fletcher32 chunk of \(data.count) bytes") }
                let body = data.count - 4
                let stored = UInt32(data[body]) | UInt32(data[body + 1]) << 8 | UInt32(data[body + 2]) << 16 | UInt32(data[body + 3]) << 24
                let computed = Checksum.fletcher32(data[0..<body])
                // Files from HDF5 before 1.6.? stored the sum with its bytes swapped in pairs.
                let swapped = (computed & 0x00ff_00ff) << 8 | (computed & 0xff00_ff00) >> 8
                guard stored == computed || stored == swapped else {
                    throw reader.error(.checksumMismatch, at: address,
                                       "chunk fletcher32 stores 0x\(String(stored, radix: 16)), computed 0x\(String(computed, radix: 16))")
                }
                data.removeLast(4)
            default:
                // An optional filter that failed when writing has its mask bit set (skipped
                // above); without the bit the chunk holds its output, which cannot be undone here.
                throw reader.error(.unsupportedFeature("filter \(filter.id)"), at: address,
                                   "\(filter.description) is not implemented (deflate, shuffle and fletcher32 are)")
            }
        }
        guard data.count == expected else {
            throw reader.error(.malformed, at: address, "chunk has \(data.count) bytes after filtering, expected \(expected)")
        }
        return data
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
