/// LZF decompression: HDF5 filter 32000, h5py's `compression="lzf"`.
///
/// h5py's filter stores each chunk LZF-compressed; a chunk that LZF cannot shrink is stored as
/// it is, with the filter's bit set in the chunk's filter mask (the filter is optional), so
/// ``HDF5Filter/decode(_:filters:mask:expected:elementSize:place:)`` skips it. The stream is a
/// sequence of runs, each opened by a control byte `c`:
///
/// ```
/// c < 32          literal: the next c + 1 bytes are copied to the output
/// c >= 32         back-reference: length L = c >> 5; when L == 7, L += next byte;
///                 distance D = (c & 0x1f) << 8 + next byte + 1;
///                 L + 2 bytes are copied from D bytes back in the output (runs may overlap)
/// ```
enum LZF {
    /// The decompressed bytes, at most `maximumOutputCount` of them.
    ///
    /// - Throws: ``FilterFailure`` `.decompressionFailed` for a run past the end of the input,
    ///   a reference before the start of the output, or output longer than the cap.
    static func decompress(_ input: [UInt8], maximumOutputCount: Int) throws(FilterFailure) -> [UInt8] {
        // LZF expands at most 88-fold (a 3-byte back-reference writes 264 bytes), so the output
        // is sized from the input, never from a chunk size a file declares.
        let (bound, tooLarge) = input.count.multipliedReportingOverflow(by: 88)
        var output = [UInt8](repeating: 0, count: max(0, min(maximumOutputCount, tooLarge ? .max : bound + 32)))
        var i = 0, o = 0
        while i < input.count {
            let control = Int(input[i])
            i += 1
            if control < 32 {
                let length = control + 1
                guard length <= input.count - i else { throw failure("literal of \(length) bytes at input byte \(i - 1) runs past the end") }
                guard length <= output.count - o else { throw overflow(output.count) }
                output.replaceSubrange(o..<(o + length), with: input[i..<(i + length)])
                i += length
                o += length
            } else {
                var length = control >> 5
                if length == 7 {
                    guard i < input.count else { throw failure("back-reference at input byte \(i - 1) cut short") }
                    length += Int(input[i])
                    i += 1
                }
                guard i < input.count else { throw failure("back-reference at input byte \(i - 1) cut short") }
                let distance = (control & 0x1f) << 8 + Int(input[i]) + 1
                i += 1
                length += 2
                guard distance <= o else { throw failure("back-reference \(distance) bytes back at output byte \(o)") }
                guard length <= output.count - o else { throw overflow(output.count) }
                copy(length, from: o - distance, in: &output, at: o)
                o += length
            }
        }
        output.removeLast(output.count - o)
        return output
    }

    /// Copies byte by byte, so that a run overlapping its source repeats it.
    @inline(__always)
    private static func copy(_ length: Int, from source: Int, in output: inout [UInt8], at target: Int) {
        output.withUnsafeMutableBufferPointer { buffer in
            for k in 0..<length { buffer[target + k] = buffer[source + k] }
        }
    }

    private static func failure(_ found: String) -> FilterFailure { FilterFailure(.decompressionFailed, "lzf: " + found) }

    private static func overflow(_ cap: Int) -> FilterFailure {
        failure("output longer than the chunk's \(cap) bytes")
    }
}
