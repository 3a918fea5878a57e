/// The gzip file format (RFC 1952): one or more members, each a header, a raw DEFLATE stream,
/// and a trailer with the CRC-32 and the size mod 2^32 of that member's data.
///
/// ```swift
/// let file = Gzip.compress(bytes)            // what `gzip -n` writes
/// let back = try Gzip.decompress(file)       // == bytes
/// ```
///
/// See Also: ``Inflate``, ``CRC32``.
public enum Gzip {
    /// Header flag bits (FLG).
    static let flagText: UInt8 = 0x01, flagHeaderCRC: UInt8 = 0x02, flagExtra: UInt8 = 0x04
    static let flagName: UInt8 = 0x08, flagComment: UInt8 = 0x10

    /// Whether `input` starts with a gzip header: magic `1f 8b` and method 8 (deflate).
    public static func isGzip(_ input: [UInt8]) -> Bool {
        input.count >= 3 && input[0] == 0x1F && input[1] == 0x8B && input[2] == 8
    }

    /// Decompresses every member of a gzip file and concatenates their data (as `gunzip` does),
    /// verifying each member's CRC-32 and ISIZE. FEXTRA, FNAME, FCOMMENT and FHCRC are parsed
    /// (the header CRC is verified) and skipped. Zero bytes after the last member are ignored.
    ///
    /// - Parameters:
    ///   - input: the gzip file's bytes.
    ///   - maximumOutputCount: the most bytes the output may hold, all members together
    ///     (default 2 GiB).
    /// - Returns: the decompressed bytes.
    /// - Throws: ``CompressionError`` (format `gzip`): `.invalidData` for a bad magic number,
    ///   method or reserved flag, or garbage after a member; `.checksumMismatch` for a wrong
    ///   CRC-32, ISIZE or header CRC; `.truncated`; `.outputLimitExceeded`; and any error of the
    ///   DEFLATE data, with offsets in `input`.
    public static func decompress(
        _ input: [UInt8], maximumOutputCount: Int = 1 << 31
    ) throws(CompressionError) -> [UInt8] {
        try input.withRawBytes { (raw) throws(CompressionError) in
            var output: [UInt8] = []
            var position = 0
            repeat {
                let budget = maximumOutputCount - output.count
                let member = try decompressMember(raw, at: position, maximumOutputCount: budget)
                if output.isEmpty {
                    output = member.output
                } else {
                    output += member.output
                }
                position = member.end
                // Trailing zero padding (as written by some tape tools) ends the file.
                if !raw[position...].contains(where: { $0 != 0 }) { break }
                guard raw[position] == 0x1F, position + 1 >= raw.count || raw[position + 1] == 0x8B else {
                    throw CompressionError(.invalidData, offset: position,
                                           "\(raw.count - position) bytes of trailing garbage after the last gzip member",
                                           format: "gzip")
                }
            } while true
            return output
        }
    }

    /// Decodes the member starting at `start`; returns its data and the offset after its trailer.
    static func decompressMember(
        _ input: UnsafeRawBufferPointer, at start: Int, maximumOutputCount: Int
    ) throws(CompressionError) -> (output: [UInt8], end: Int) {
        func failure(_ kind: CompressionError.Kind, _ offset: Int, _ message: String) -> CompressionError {
            CompressionError(kind, offset: offset, message, format: "gzip")
        }
        let count = input.count
        guard count - start >= 10 else {
            throw failure(.truncated, count, "member at byte \(start) is shorter than the 10-byte header")
        }
        guard input[start] == 0x1F, input[start + 1] == 0x8B else {
            throw failure(.invalidData, start,
                          "expected the gzip magic number 1f 8b, found \(hex(input[start])) \(hex(input[start + 1]))")
        }
        guard input[start + 2] == 8 else {
            throw failure(.unsupported, start + 2, "compression method \(input[start + 2]) is not 8 (deflate)")
        }
        let flags = input[start + 3]
        guard flags & 0xE0 == 0 else {
            throw failure(.invalidData, start + 3, "reserved header flag bits set (FLG = 0x\(String(flags, radix: 16)))")
        }
        var position = start + 10
        if flags & flagExtra != 0 {
            guard count - position >= 2 else { throw failure(.truncated, count, "input ends in the FEXTRA length") }
            let length = Int(input[position]) | Int(input[position + 1]) << 8
            position += 2
            guard count - position >= length else {
                throw failure(.truncated, count, "FEXTRA field of \(length) bytes runs past the end of the input")
            }
            position += length
        }
        for (flag, name) in [(flagName, "FNAME"), (flagComment, "FCOMMENT")] where flags & flag != 0 {
            guard let terminator = input[position...].firstIndex(of: 0) else {
                throw failure(.truncated, count, "\(name) field starting at byte \(position) has no zero terminator")
            }
            position = terminator + 1
        }
        if flags & flagHeaderCRC != 0 {
            guard count - position >= 2 else { throw failure(.truncated, count, "input ends in the header CRC") }
            let stored = UInt16(input[position]) | UInt16(input[position + 1]) << 8
            var crc = CRC32()
            crc.update(UnsafeRawBufferPointer(rebasing: input[start..<position]))
            let actual = UInt16(truncatingIfNeeded: crc.value)
            guard stored == actual else {
                throw failure(.checksumMismatch, position,
                              "header CRC-16 is 0x\(String(actual, radix: 16)), FHCRC says 0x\(String(stored, radix: 16))")
            }
            position += 2
        }
        let decoded: (output: [UInt8], consumedCount: Int)
        do {
            decoded = try InflateDecoder.decode(
                UnsafeRawBufferPointer(rebasing: input[position...]), limit: maximumOutputCount)
        } catch {
            throw error.relocated(by: position, format: "gzip")
        }
        let trailer = position + decoded.consumedCount
        guard count - trailer >= 8 else {
            throw failure(.truncated, count, "member ends before its 8-byte CRC-32/ISIZE trailer")
        }
        func word(_ at: Int) -> UInt32 {
            UInt32(input[at]) | UInt32(input[at + 1]) << 8 | UInt32(input[at + 2]) << 16 | UInt32(input[at + 3]) << 24
        }
        let crc = CRC32.checksum(decoded.output)
        guard word(trailer) == crc else {
            throw failure(.checksumMismatch, trailer,
                          "CRC-32 of the data is 0x\(String(crc, radix: 16)), trailer says 0x\(String(word(trailer), radix: 16))")
        }
        let size = UInt32(truncatingIfNeeded: decoded.output.count)
        guard word(trailer + 4) == size else {
            throw failure(.checksumMismatch, trailer + 4,
                          "data is \(decoded.output.count) bytes (mod 2^32: \(size)), ISIZE says \(word(trailer + 4))")
        }
        return (decoded.output, trailer + 8)
    }

    /// Two lowercase hex digits.
    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }

    /// Compresses `input` into a single-member gzip file with no name and modification time 0
    /// (so the output is deterministic), OS byte 255 (unknown).
    ///
    /// - Parameters:
    ///   - input: the bytes to compress.
    ///   - level: 0 (stored) to 9 (smallest); default 6.
    /// - Returns: a file `gunzip` and Python's `gzip.decompress` read.
    public static func compress(_ input: [UInt8], level: Int = 6) -> [UInt8] {
        let level = min(max(level, 0), 9)
        let extraFlags: UInt8 = level == 9 ? 2 : level == 1 ? 4 : 0
        var output: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, extraFlags, 255]
        output += Deflate.compress(input, level: level)
        let crc = CRC32.checksum(input)
        let size = UInt32(truncatingIfNeeded: input.count)
        for value in [crc, size] {
            output += [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
        }
        return output
    }
}
