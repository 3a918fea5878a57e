import BackpropIO

extension ZipArchive {
    /// The entry named `name`, if any (the first, when a name repeats).
    public func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// Extracts the member named `name` and verifies its size and CRC-32.
    ///
    /// - Parameters:
    ///   - name: the member's path, exactly as listed in ``entries``.
    ///   - maximumOutputCount: the most bytes the member may decompress to (default 2 GiB).
    /// - Returns: the member's uncompressed bytes.
    /// - Throws: ``CompressionError`` (format `ZIP`): `.invalidData` for a missing member, a bad
    ///   local header or data longer than declared; `.unsupported` for encrypted members or
    ///   methods other than 0 and 8; `.outputLimitExceeded` when the declared size passes the
    ///   limit; `.checksumMismatch` for a wrong CRC-32 or size; `.truncated`; and any error of
    ///   the DEFLATE data, with offsets in the archive.
    public func contents(of name: String, maximumOutputCount: Int = 1 << 31) throws(CompressionError) -> [UInt8] {
        func failure(_ kind: CompressionError.Kind, _ offset: Int, _ message: String) -> CompressionError {
            CompressionError(kind, offset: offset, message, format: "ZIP")
        }
        guard let entry = entry(named: name) else {
            let names = entries.prefix(10).map { "'\($0.name)'" }.joined(separator: ", ")
            throw failure(.invalidData, 0, "no member named '\(name)' (members: \(names)\(entries.count > 10 ? ", ..." : ""))")
        }
        guard entry.flags & 1 == 0 else {
            throw failure(.unsupported, entry.offset, "member '\(name)' is encrypted")
        }
        let reader = ByteReader(bytes: bytes, format: "ZIP")
        try reader.require(at: entry.offset, count: 30, "local header of '\(name)'")
        guard reader.uint32(at: entry.offset) == Self.localSignature else {
            throw failure(.invalidData, entry.offset, "member '\(name)': expected local header signature 50 4b 03 04")
        }
        let dataStart = entry.offset + 30 + Int(reader.uint16(at: entry.offset + 26)) + Int(reader.uint16(at: entry.offset + 28))
        try reader.require(at: dataStart, count: entry.compressedSize, "data of '\(name)'")
        guard entry.uncompressedSize <= maximumOutputCount else {
            throw failure(.outputLimitExceeded, entry.offset,
                          "member '\(name)' is \(entry.uncompressedSize) bytes, over the limit of \(maximumOutputCount)")
        }
        let data = bytes[dataStart..<(dataStart + entry.compressedSize)]
        let output: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw failure(.invalidData, entry.offset,
                              "stored member '\(name)' has compressed size \(entry.compressedSize) ≠ size \(entry.uncompressedSize)")
            }
            output = Array(data)
        case 8:
            do {
                output = try data.withUnsafeBufferPointer { (buffer) throws(CompressionError) in
                    try InflateDecoder.decode(UnsafeRawBufferPointer(buffer), limit: entry.uncompressedSize).output
                }
            } catch where error.kind == .outputLimitExceeded {
                throw failure(.checksumMismatch, dataStart,
                              "member '\(name)' decompresses to more than its declared \(entry.uncompressedSize) bytes")
            } catch {
                throw error.relocated(by: dataStart, format: "ZIP")
            }
        default:
            throw failure(.unsupported, entry.offset + 8,
                          "member '\(name)' uses compression method \(entry.method) (only 0 stored and 8 deflate are supported)")
        }
        guard output.count == entry.uncompressedSize else {
            throw failure(.checksumMismatch, dataStart,
                          "member '\(name)' decompresses to \(output.count) bytes, the directory says \(entry.uncompressedSize)")
        }
        let crc = CRC32.checksum(output)
        guard crc == entry.crc32 else {
            throw failure(.checksumMismatch, dataStart,
                          "CRC-32 of '\(name)' is 0x\(String(crc, radix: 16)), the directory says 0x\(String(entry.crc32, radix: 16))")
        }
        return output
    }
}
