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
        let dataStart = try self.dataStart(of: entry)
        guard entry.uncompressedSize <= maximumOutputCount else {
            throw failure(.outputLimitExceeded, entry.offset,
                          "member '\(name)' is \(entry.uncompressedSize) bytes, over the limit of \(maximumOutputCount)")
        }
        // Checked before reading: a file's member is read whole, so its declared size is bounded by
        // its data's (stored: equal; deflate never needs more than 9 bits a byte).
        guard entry.method == 0 || entry.method == 8 else {
            throw failure(.unsupported, entry.offset + 8,
                          "member '\(name)' uses compression method \(entry.method) (only 0 stored and 8 deflate are supported)")
        }
        if entry.method == 0 && entry.compressedSize != entry.uncompressedSize {
            throw failure(.invalidData, entry.offset,
                          "stored member '\(name)' has compressed size \(entry.compressedSize) ≠ size \(entry.uncompressedSize)")
        }
        if entry.method == 8 && entry.compressedSize > entry.uncompressedSize + entry.uncompressedSize / 8 + 1024 {
            throw failure(.invalidData, entry.offset,
                          "member '\(name)' declares \(entry.compressedSize) compressed bytes for \(entry.uncompressedSize) bytes of data")
        }
        let data = try slice(at: dataStart, count: entry.compressedSize, "data of '\(name)'")
        let output: [UInt8]
        switch entry.method {
        case 0:
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
            preconditionFailure("method \(entry.method) refused above")
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

    /// Where the data of `entry` start: after its local header, whose name and extra field
    /// may differ in length from the central directory's.
    ///
    /// - Throws: ``CompressionError`` (format `ZIP`): `.unsupported` for an encrypted member,
    ///   `.invalidData` for a bad local header signature, `.truncated` past the end.
    package func dataStart(of entry: Entry) throws(CompressionError) -> Int {
        guard entry.flags & 1 == 0 else {
            throw CompressionError(.unsupported, offset: entry.offset, "member '\(entry.name)' is encrypted", format: "ZIP")
        }
        let header = ByteReader(bytes: Array(try slice(at: entry.offset, count: 30, "local header of '\(entry.name)'")), format: "ZIP")
        guard header.uint32(at: 0) == Self.localSignature else {
            throw CompressionError(.invalidData, offset: entry.offset,
                                   "member '\(entry.name)': expected local header signature 50 4b 03 04", format: "ZIP")
        }
        return entry.offset + 30 + Int(header.uint16(at: 26)) + Int(header.uint16(at: 28))
    }
}
