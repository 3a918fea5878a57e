/// Writes ZIP archives that Python's `zipfile` and NumPy's `np.load` read (`.npz` files).
///
/// Members are stored (method 0) or deflated (method 8) with modification time
/// 1980-01-01 00:00, so the same members always give the same bytes. Names are UTF-8 (flag bit
/// 11 is set for non-ASCII names). ZIP64 records are written only when a size or offset needs
/// them (over 4 GiB, or over 65 535 members).
///
/// ```swift
/// var zip = ZipWriter()
/// zip.add(name: "W1.npy", contents: npyBytes, compress: true)
/// let npz = zip.finish()
/// ```
///
/// See Also: ``ZipArchive``.
public struct ZipWriter: Sendable {
    /// Central-directory records written so far.
    private var central: [UInt8] = []
    /// Local headers and data written so far.
    private var body: [UInt8] = []
    private var memberCount = 0
    /// Writes ZIP64 records even for small archives (to test the ZIP64 path).
    var forceZip64 = false

    /// An empty archive.
    public init() {}

    /// Appends a member.
    ///
    /// - Parameters:
    ///   - name: the member's path inside the archive (use `/` between folders).
    ///   - contents: the member's bytes.
    ///   - compress: `true` to deflate at level 6 (method 8), `false` to store (method 0).
    public mutating func add(name: String, contents: [UInt8], compress: Bool) {
        let nameBytes = Array(name.utf8)
        let data = compress ? Deflate.compress(contents, level: 6) : contents
        let crc = CRC32.checksum(contents)
        let offset = body.count
        let zip64 = forceZip64 || contents.count >= 0xFFFF_FFFF || data.count >= 0xFFFF_FFFF || offset >= 0xFFFF_FFFF
        let flags = nameBytes.contains { $0 >= 0x80 } ? 0x0800 : 0
        let method = compress ? 8 : 0
        let version = zip64 ? 45 : 20
        let dosTime = 0
        let dosDate = 1 << 5 | 1  // 1980-01-01

        // Local header: ZIP64 puts both sizes in the extra field.
        let localExtra = zip64 ? Self.zip64Extra([contents.count, data.count]) : []
        Self.put(Int(ZipArchive.localSignature), 4, &body)
        for (value, size) in [(version, 2), (flags, 2), (method, 2), (dosTime, 2), (dosDate, 2), (Int(crc), 4),
                              (zip64 ? 0xFFFF_FFFF : data.count, 4), (zip64 ? 0xFFFF_FFFF : contents.count, 4),
                              (nameBytes.count, 2), (localExtra.count, 2)] {
            Self.put(value, size, &body)
        }
        body += nameBytes
        body += localExtra
        body += data

        // Central header: ZIP64 extra holds the sizes and the offset.
        let centralExtra = zip64 ? Self.zip64Extra([contents.count, data.count, offset]) : []
        Self.put(Int(ZipArchive.centralSignature), 4, &central)
        for (value, size) in [(version, 2), (version, 2), (flags, 2), (method, 2), (dosTime, 2), (dosDate, 2),
                              (Int(crc), 4), (zip64 ? 0xFFFF_FFFF : data.count, 4),
                              (zip64 ? 0xFFFF_FFFF : contents.count, 4), (nameBytes.count, 2),
                              (centralExtra.count, 2), (0, 2), (0, 2), (0, 2), (0, 4),
                              (zip64 ? 0xFFFF_FFFF : offset, 4)] {
            Self.put(value, size, &central)
        }
        central += nameBytes
        central += centralExtra
        memberCount += 1
    }

    /// The archive: members, central directory, ZIP64 end records when needed, end record.
    public func finish() -> [UInt8] {
        var output = body
        let directoryOffset = output.count
        output += central
        let zip64 = forceZip64 || memberCount >= 0xFFFF || directoryOffset >= 0xFFFF_FFFF || central.count >= 0xFFFF_FFFF
        if zip64 {
            let zip64End = output.count
            Self.put(Int(ZipArchive.zip64EndSignature), 4, &output)
            for (value, size) in [(44, 8), (45, 2), (45, 2), (0, 4), (0, 4), (memberCount, 8), (memberCount, 8),
                                  (central.count, 8), (directoryOffset, 8)] {
                Self.put(value, size, &output)
            }
            Self.put(Int(ZipArchive.zip64LocatorSignature), 4, &output)
            Self.put(0, 4, &output)
            Self.put(zip64End, 8, &output)
            Self.put(1, 4, &output)
        }
        Self.put(Int(ZipArchive.endSignature), 4, &output)
        for (value, size) in [(0, 2), (0, 2), (min(memberCount, 0xFFFF), 2), (min(memberCount, 0xFFFF), 2),
                              (min(central.count, 0xFFFF_FFFF), 4), (zip64 ? 0xFFFF_FFFF : directoryOffset, 4), (0, 2)] {
            Self.put(value, size, &output)
        }
        return output
    }

    /// The ZIP64 extended-information extra field (header ID 0x0001): its data size, then
    /// `values` (uncompressed size, compressed size and, in the central header, the local
    /// header's offset) as 8-byte little-endian integers.
    static func zip64Extra(_ values: [Int]) -> [UInt8] {
        var field: [UInt8] = []
        put(0x0001, 2, &field)
        put(8 * values.count, 2, &field)
        for value in values { put(value, 8, &field) }
        return field
    }

    /// Appends `value` as a `size`-byte little-endian integer.
    static func put(_ value: Int, _ size: Int, _ output: inout [UInt8]) {
        let bits = UInt64(truncatingIfNeeded: value)
        for index in 0..<size { output.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(index)))) }
    }
}
