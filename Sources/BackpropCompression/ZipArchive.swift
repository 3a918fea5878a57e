import BackpropIO

/// A reader for ZIP archives (PKWARE APPNOTE 6.3) as written by Python's `zipfile`, and so by
/// NumPy's `np.savez` / `np.savez_compressed` (`.npz`): stored (method 0) and deflated
/// (method 8) members, ZIP64 extra fields and end-of-central-directory records.
///
/// The central directory is parsed on `init`; member data is decompressed and CRC-32-verified
/// on demand by ``contents(of:maximumOutputCount:)``.
///
/// ```swift
/// let archive = try ZipArchive(bytes: npzBytes)
/// for entry in archive.entries { print(entry.name, entry.uncompressedSize) }
/// let npy = try archive.contents(of: "W1.npy")
/// ```
///
/// See Also: ``ZipWriter``.
public struct ZipArchive: Sendable {
    /// One member, as the central directory describes it.
    public struct Entry: Sendable, Equatable {
        /// The member's path inside the archive (UTF-8; CP437 names are read as UTF-8 too).
        public var name: String
        /// Bytes of member data in the archive.
        public var compressedSize: Int
        /// Bytes of the member once decompressed.
        public var uncompressedSize: Int
        /// Compression method: 0 stored, 8 deflated (others are listed but not extracted).
        public var method: Int
        /// CRC-32 of the uncompressed data.
        public var crc32: UInt32
        /// Byte offset of the member's local file header in the archive.
        public var offset: Int
        /// General-purpose flags (bit 0: encrypted, bit 3: data descriptor, bit 11: UTF-8 name).
        public var flags: Int
    }

    /// The archive's bytes when it was read from memory (``init(bytes:)``); empty for an
    /// archive read from a file, whose members are read when asked for.
    public let bytes: [UInt8]
    /// The file the archive is read from (nil: ``bytes``).
    let file: PositionedFile?
    /// The archive's size in bytes.
    package let size: Int
    /// The members in central-directory order.
    public var entries: [Entry]

    static let localSignature: UInt32 = 0x0403_4B50
    static let centralSignature: UInt32 = 0x0201_4B50
    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    /// The largest central directory read from a file (64 MiB: over a million members).
    static let maximumDirectoryBytes = 64 << 20

    /// Parses the end-of-central-directory record (ZIP64 if present) and the central directory.
    ///
    /// - Parameter bytes: the whole archive.
    /// - Throws: ``CompressionError`` (format `ZIP`): `.invalidData` when no end record is found or
    ///   a record has the wrong signature, `.truncated` when a record runs past the end,
    ///   `.unsupported` for multi-disk archives.
    public init(bytes: [UInt8]) throws(CompressionError) {
        self.bytes = bytes
        file = nil
        size = bytes.count
        entries = []
        entries = try readDirectory()
    }

    /// The archive in `file`: only its end records and central directory are read now, each
    /// member when ``contents(of:maximumOutputCount:)`` asks for it (or, stored, where
    /// ``dataStart(of:)`` says), so an archive larger than memory costs its directory.
    ///
    /// - Throws: as ``init(bytes:)``; `.unsupported` for a central directory over 64 MiB;
    ///   `.truncated` naming the system's reason when a read fails.
    package init(file: PositionedFile) throws(CompressionError) {
        bytes = []
        self.file = file
        size = Int(clamping: file.size)
        entries = []
        entries = try readDirectory()
    }

    /// `count` bytes at `offset` of the archive: a slice of ``bytes``, or read from the file.
    ///
    /// - Throws: ``CompressionError`` `.truncated` naming `what` when they run past the end.
    func slice(at offset: Int, count: Int, _ what: @autoclosure () -> String) throws(CompressionError) -> ArraySlice<UInt8> {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw CompressionError(.truncated, offset: Swift.max(0, Swift.min(offset, size)),
                                   "\(what()) (\(count) bytes at byte \(offset)) runs past the end of the \(size)-byte input", format: "ZIP")
        }
        guard let file else { return bytes[offset..<(offset + count)] }
        do { return try file.read(at: UInt64(offset), count: count)[...] } catch {
            throw CompressionError(.truncated, offset: offset, "\(what()): \(error.reason)", format: "ZIP")
        }
    }

    /// Where the central directory is and how many entries it holds, from the end record (the
    /// last 22 bytes plus a comment of up to 65 535) and the ZIP64 records when present.
    func directoryPlace() throws(CompressionError) -> (offset: Int, size: Int, entries: Int) {
        func failure(_ kind: CompressionError.Kind, _ offset: Int, _ message: String) -> CompressionError {
            CompressionError(kind, offset: offset, message, format: "ZIP")
        }
        // The tail holds the end record and, 20 bytes before it, the ZIP64 locator.
        let tailStart = Swift.max(0, size - 22 - 65535 - 20)
        let reader = ByteReader(bytes: Array(try slice(at: tailStart, count: size - tailStart, "end records")), format: "ZIP")
        let tail = reader.bytes.count
        var end = -1
        var candidate = tail - 22
        while candidate >= 0 && candidate >= tail - 22 - 65535 {
            if reader.uint32(at: candidate) == Self.endSignature && candidate + 22 + Int(reader.uint16(at: candidate + 20)) <= tail {
                end = candidate
                break
            }
            candidate -= 1
        }
        guard end >= 0 else {
            throw failure(size < 22 ? .truncated : .invalidData, Swift.max(0, size - 22),
                          "no end-of-central-directory record (signature 50 4b 05 06) in the last 65 557 bytes")
        }
        guard reader.uint16(at: end + 4) == 0 || reader.uint16(at: end + 4) == 0xFFFF, reader.uint16(at: end + 6) == reader.uint16(at: end + 4) else {
            throw failure(.unsupported, tailStart + end + 4, "multi-disk archives are not supported")
        }
        var place = (offset: Int(reader.uint32(at: end + 16)), size: Int(reader.uint32(at: end + 12)), entries: Int(reader.uint16(at: end + 10)))
        let locator = end - 20
        if locator >= 0 && reader.uint32(at: locator) == Self.zip64LocatorSignature {
            let zip64End = Int(clamping: reader.uint64(at: locator + 8))
            let record = ByteReader(bytes: Array(try slice(at: zip64End, count: 56, "ZIP64 end-of-central-directory record")), format: "ZIP")
            guard record.uint32(at: 0) == Self.zip64EndSignature else {
                throw failure(.invalidData, zip64End, "ZIP64 locator points to a record without signature 50 4b 06 06")
            }
            place = (Int(clamping: record.uint64(at: 48)), Int(clamping: record.uint64(at: 40)), Int(clamping: record.uint64(at: 32)))
        }
        guard place.entries <= place.size / 46 else {
            throw failure(.invalidData, tailStart + end + 10,
                          "\(place.entries) entries cannot fit a \(place.size)-byte central directory (46 bytes each at least)")
        }
        return place
    }

    /// The entries of the central directory (read from the file, or parsed in place in ``bytes``).
    func readDirectory() throws(CompressionError) -> [Entry] {
        let place = try directoryPlace()
        guard file == nil || place.size <= Self.maximumDirectoryBytes else {
            throw CompressionError(.unsupported, offset: place.offset,
                                   "a central directory of \(place.size) bytes (more than \(Self.maximumDirectoryBytes))", format: "ZIP")
        }
        let directory = try slice(at: place.offset, count: place.size, "central directory")
        guard file != nil else {
            return try Self.entries(ByteReader(bytes: bytes, format: "ZIP"), start: place.offset, size: place.size, count: place.entries)
        }
        do {
            return try Self.entries(ByteReader(bytes: Array(directory), format: "ZIP"), start: 0, size: place.size, count: place.entries)
        } catch {
            throw error.relocated(by: place.offset)
        }
    }

    /// The `count` entries of the central directory of `size` bytes at `start` of `reader`.
    static func entries(_ reader: ByteReader<CompressionReadContext>, start: Int, size: Int, count: Int) throws(CompressionError) -> [Entry] {
        func failure(_ kind: CompressionError.Kind, _ offset: Int, _ message: String) -> CompressionError {
            CompressionError(kind, offset: offset, message, format: "ZIP")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var position = start
        let directoryEnd = start + size
        for index in 0..<count {
            guard reader.contains(position, count: 46), position + 46 <= directoryEnd else {
                throw failure(.truncated, position, "central directory ends before entry \(index) of \(count)")
            }
            guard reader.uint32(at: position) == Self.centralSignature else {
                throw failure(.invalidData, position, "entry \(index): expected central header signature 50 4b 01 02")
            }
            let nameLength = Int(reader.uint16(at: position + 28))
            let extraLength = Int(reader.uint16(at: position + 30))
            let commentLength = Int(reader.uint16(at: position + 32))
            let variable = nameLength + extraLength + commentLength
            guard position + 46 + variable <= directoryEnd else {
                throw failure(.truncated, position, "entry \(index): name, extra and comment run past the central directory")
            }
            let nameStart = position + 46
            var entry = Entry(
                name: String(decoding: reader.bytes[nameStart..<(nameStart + nameLength)], as: UTF8.self),
                compressedSize: Int(reader.uint32(at: position + 20)),
                uncompressedSize: Int(reader.uint32(at: position + 24)),
                method: Int(reader.uint16(at: position + 10)),
                crc32: reader.uint32(at: position + 16),
                offset: Int(reader.uint32(at: position + 42)),
                flags: Int(reader.uint16(at: position + 8)))
            try Self.applyZip64Extra(
                reader, extraStart: nameStart + nameLength, extraLength: extraLength,
                diskNumber: Int(reader.uint16(at: position + 34)), to: &entry)
            entries.append(entry)
            position += 46 + variable
        }
        return entries
    }

    /// Replaces 0xFFFFFFFF sizes and offset with the ZIP64 extra field's 64-bit values
    /// (present in the order uncompressed size, compressed size, offset, disk).
    static func applyZip64Extra(
        _ reader: ByteReader<CompressionReadContext>, extraStart: Int, extraLength: Int, diskNumber: Int, to entry: inout Entry
    ) throws(CompressionError) {
        let needsUncompressed = entry.uncompressedSize == 0xFFFF_FFFF
        let needsCompressed = entry.compressedSize == 0xFFFF_FFFF
        let needsOffset = entry.offset == 0xFFFF_FFFF
        guard needsUncompressed || needsCompressed || needsOffset else { return }
        var field = extraStart
        let end = extraStart + extraLength
        while field + 4 <= end {
            let id = Int(reader.uint16(at: field))
            let size = Int(reader.uint16(at: field + 2))
            guard field + 4 + size <= end else { break }
            if id == 0x0001 {
                var cursor = field + 4
                let fieldEnd = cursor + size
                func next() throws(CompressionError) -> Int {
                    guard cursor + 8 <= fieldEnd else {
                        throw CompressionError(.invalidData, offset: field,
                                               "ZIP64 extra field of \(size) bytes is too short for '\(entry.name)'", format: "ZIP")
                    }
                    defer { cursor += 8 }
                    return Int(clamping: reader.uint64(at: cursor))
                }
                if needsUncompressed { entry.uncompressedSize = try next() }
                if needsCompressed { entry.compressedSize = try next() }
                if needsOffset { entry.offset = try next() }
                return
            }
            field += 4 + size
        }
        throw CompressionError(.invalidData, offset: extraStart,
                               "'\(entry.name)' has 0xFFFFFFFF sizes but no ZIP64 extra field", format: "ZIP")
    }
}
