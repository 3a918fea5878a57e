/// One message of an object header: its type (dataspace, datatype, layout, link...), flags and
/// body bytes.
struct HeaderMessage: Sendable {
    var type: UInt16
    var flags: UInt8
    var body: [UInt8]
    /// The absolute file offset of the body's first byte.
    var origin: UInt64

    /// Message types used by the reader and the writer (HDF5 specification IV.A.2).
    enum Kind {
        static let dataspace: UInt16 = 0x01, linkInfo: UInt16 = 0x02, datatype: UInt16 = 0x03
        static let oldFillValue: UInt16 = 0x04, fillValue: UInt16 = 0x05, link: UInt16 = 0x06
        static let externalFiles: UInt16 = 0x07, layout: UInt16 = 0x08, groupInfo: UInt16 = 0x0A, filters: UInt16 = 0x0B
        static let attribute: UInt16 = 0x0C, continuation: UInt16 = 0x10, symbolTable: UInt16 = 0x11
        static let attributeInfo: UInt16 = 0x15
    }

    /// Whether the body is a reference to a message stored elsewhere (flag bit 1).
    var isShared: Bool { flags & 0x02 != 0 }
}

/// The messages of one object header, with continuation blocks followed (versions 1 and 2).
struct ObjectHeader: Sendable {
    /// Relative address of the header.
    var address: UInt64
    var version: Int
    var messages: [HeaderMessage]

    /// Caps on what a header may contain; a file past them is reported as `.sizeTooLarge`.
    static let maximumMessages = 65_536
    static let maximumContinuations = 4_096

    func first(_ type: UInt16) -> HeaderMessage? { messages.first { $0.type == type } }
    func all(_ type: UInt16) -> [HeaderMessage] { messages.filter { $0.type == type } }

    /// Reads the object header at relative address `address`.
    ///
    /// - Throws: `.badSignature`, `.malformed` (a version other than 1, or 2 after `OHDR`: damage),
    ///   `.checksumMismatch` (version 2),
    ///   `.truncated`, `.addressOutOfRange`, `.cycle` when continuation blocks loop.
    init(reader: HDF5Reader, address: UInt64) throws(HDF5Error) {
        self.address = address
        var head = try reader.cursor(at: address, count: 16, structure: "object header", clip: true)
        let first = try head.uint8()
        if first == 1 {
            version = 1
            try head.skip(3)  // reserved, message count
            try head.skip(4)  // reference count
            let size = UInt64(try head.uint32())
            messages = try ObjectHeader.version1Messages(reader: reader, address: address, firstBlockSize: size)
        } else if first == UInt8(ascii: "O") {
            head.position = 0
            try head.signature("OHDR")
            let v = Int(try head.uint8())
            // Every writer puts version 2 after OHDR: another byte is damage, not a newer format.
            guard v == 2 else { throw head.error(.malformed, "object header version \(v) after OHDR (only version 2 exists)") }
            version = 2
            let flags = try head.uint8()
            messages = try ObjectHeader.version2Messages(reader: reader, address: address, flags: flags)
        } else {
            // Object headers are reached through addresses: an unknown first byte means a damaged
            // address or header (no writer produced another version), so it is not "unsupported".
            throw head.error(.malformed, "no object header here: found byte \(first) where version 1 or the signature OHDR must be", at: 0)
        }
    }

    /// The messages of a version 2 header (`OHDR`, then `OCHK` continuation blocks, each with
    /// its checksum) whose flags byte is `flags`.
    private static func version2Messages(reader: HDF5Reader, address: UInt64, flags: UInt8) throws(HDF5Error) -> [HeaderMessage] {
        var messages: [HeaderMessage] = []
        var blocks: [(address: UInt64, length: UInt64)] = []
        var seen: Set<UInt64> = [address]
        var prefix = 6 + (flags & 0x20 != 0 ? 16 : 0) + (flags & 0x10 != 0 ? 4 : 0)
        let sizeBytes = 1 << Int(flags & 0x03)
        prefix += sizeBytes
        var c = try reader.cursor(at: address, count: prefix, structure: "object header")
        try c.skip(prefix - sizeBytes)
        let chunkSize = try c.uint(sizeBytes)
        guard chunkSize <= reader.available else {
            throw c.error(.sizeTooLarge, "first chunk of \(chunkSize) bytes is larger than the file")
        }
        var whole = try reader.cursor(at: address, count: prefix + Int(chunkSize) + 4, structure: "object header")
        whole.position = prefix + Int(chunkSize)
        try whole.verifyChecksum()
        try parseV2Messages(whole.bytes, from: prefix, to: prefix + Int(chunkSize),
                            origin: whole.origin, flags: flags, reader: reader, into: &messages, blocks: &blocks)
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            index += 1
            guard seen.insert(block.address).inserted else {
                throw reader.error(.cycle, at: block.address, "object header continuation block refers back to an earlier block")
            }
            guard block.length >= 8, block.length <= reader.available else {
                throw reader.error(.sizeTooLarge, at: block.address, "continuation block of \(block.length) bytes")
            }
            var c = try reader.cursor(at: block.address, count: Int(block.length), structure: "object header continuation")
            try c.signature("OCHK")
            c.position = Int(block.length) - 4
            try c.verifyChecksum()
            try parseV2Messages(c.bytes, from: 4, to: Int(block.length) - 4, origin: c.origin, flags: flags,
                                reader: reader, into: &messages, blocks: &blocks)
            guard blocks.count <= maximumContinuations else {
                throw reader.error(.sizeTooLarge, at: address, "more than \(maximumContinuations) continuation blocks")
            }
        }
        return messages
    }

    /// The messages of a version 1 header: the first block follows the 16-byte prefix;
    /// continuation blocks have no prefix.
    private static func version1Messages(reader: HDF5Reader, address: UInt64, firstBlockSize: UInt64) throws(HDF5Error) -> [HeaderMessage] {
        var messages: [HeaderMessage] = []
        var blocks: [(address: UInt64, length: UInt64)] = [(address + 16, firstBlockSize)]
        var seen: Set<UInt64> = [address]
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            if index > 0 {
                guard seen.insert(block.address).inserted else {
                    throw reader.error(.cycle, at: block.address, "object header continuation block refers back to an earlier block")
                }
            }
            index += 1
            guard block.length <= reader.available else {
                throw reader.error(.sizeTooLarge, at: block.address, "object header block of \(block.length) bytes")
            }
            let c = try reader.cursor(at: block.address, count: Int(block.length), structure: "object header")
            var position = 0
            while position + 8 <= c.bytes.count {
                var m = c
                m.position = position
                let type = try m.uint16()
                let size = Int(try m.uint16())
                let flags = try m.uint8()
                try m.skip(3)
                let body = try m.take(size)
                position = m.position
                if type == HeaderMessage.Kind.continuation {
                    var b = reader.cursor(over: body, origin: c.origin + UInt64(position - size), structure: "continuation message")
                    guard let target = try b.address() else { continue }
                    blocks.append((target, try b.length()))
                    guard blocks.count <= maximumContinuations else {
                        throw reader.error(.sizeTooLarge, at: address, "more than \(maximumContinuations) continuation blocks")
                    }
                } else if type != 0 {
                    messages.append(HeaderMessage(type: type, flags: flags, body: body, origin: c.origin + UInt64(position - size)))
                    guard messages.count <= maximumMessages else {
                        throw reader.error(.sizeTooLarge, at: address, "more than \(maximumMessages) messages")
                    }
                }
            }
        }
        return messages
    }

    private static func parseV2Messages(_ bytes: [UInt8], from start: Int, to end: Int, origin: UInt64, flags: UInt8,
                                        reader: HDF5Reader, into messages: inout [HeaderMessage],
                                        blocks: inout [(address: UInt64, length: UInt64)]) throws(HDF5Error) {
        let headerSize = flags & 0x04 != 0 ? 6 : 4
        var position = start
        while end - position >= headerSize {
            var m = reader.cursor(over: bytes, origin: origin, structure: "object header message")
            m.position = position
            let type = UInt16(try m.uint8())
            let size = Int(try m.uint16())
            let messageFlags = try m.uint8()
            if headerSize == 6 { try m.skip(2) }
            guard size <= end - m.position else {
                throw m.error(.truncated, "message of \(size) bytes runs past the end of its block")
            }
            let body = try m.take(size)
            let bodyOrigin = origin + UInt64(position + headerSize)
            position += headerSize + size
            if type == HeaderMessage.Kind.continuation {
                var b = reader.cursor(over: body, origin: bodyOrigin, structure: "continuation message")
                guard let target = try b.address() else { continue }
                blocks.append((target, try b.length()))
            } else if type != 0 {
                messages.append(HeaderMessage(type: type, flags: messageFlags, body: body, origin: bodyOrigin))
                guard messages.count <= maximumMessages else {
                    throw reader.error(.sizeTooLarge, at: nil, "more than \(maximumMessages) messages in one object header")
                }
            }
        }
    }
}
