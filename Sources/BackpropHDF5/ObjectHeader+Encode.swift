extension HeaderMessage {
    /// A message to write: its type (``Kind``), flags and body (origin 0: not read from a file).
    init(_ type: UInt16, flags: UInt8 = 0, body: [UInt8]) {
        self.init(type: type, flags: flags, body: body, origin: 0)
    }

    /// Flag bit 0: the message is constant (datatypes, fill values), as the HDF5 library marks it.
    static let constantFlag: UInt8 = 0x01

    /// The largest body a version 2 header message holds (its size field has 2 bytes).
    static let maximumBodySize = Int(UInt16.max)
}

extension ObjectHeader {
    /// A version 2 object header (HDF5 specification IV.A.1.b) holding `messages` in one chunk:
    /// `OHDR`, version 2, flags (bits 0–1: bytes of the chunk size field; no times, no
    /// attribute phase change values), the chunk size, each message (type: 1 byte, body size:
    /// 2 bytes, flags: 1 byte, body), then the lookup3 checksum of everything before it.
    /// ``init(reader:address:)`` reads it back.
    ///
    /// - Precondition: every body has at most ``HeaderMessage/maximumBodySize`` bytes (callers
    ///   check what comes from outside first).
    static func encodeVersion2(_ messages: [HeaderMessage]) -> [UInt8] {
        let chunkSize = messages.reduce(0) { $0 + 4 + $1.body.count }
        let sizeCode: UInt8 = chunkSize <= 0xff ? 0 : chunkSize <= 0xffff ? 1 : 2
        var w = HDF5ByteWriter()
        w.signature("OHDR")
        w.uint8(2)
        w.uint8(sizeCode)
        w.uint(UInt64(chunkSize), size: 1 << Int(sizeCode))
        for message in messages {
            precondition(message.body.count <= HeaderMessage.maximumBodySize, "header message of \(message.body.count) bytes")
            w.uint8(UInt8(message.type))
            w.uint16(UInt16(message.body.count))
            w.uint8(message.flags)
            w.append(message.body)
        }
        w.checksum(from: 0)
        return w.bytes
    }
}
