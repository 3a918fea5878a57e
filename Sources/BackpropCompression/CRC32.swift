/// The CRC-32 of ISO 3309 / ITU-T V.42 used by gzip, ZIP and PNG (reflected polynomial
/// `0xEDB88320`, initial value and final XOR `0xFFFFFFFF`); equal to Python's `zlib.crc32`.
///
/// Computed with slicing-by-8: eight 256-entry tables let the loop fold eight input bytes per
/// step. `referenceChecksum(_:)` is the bit-at-a-time definition it is tested against.
///
/// ```swift
/// var crc = CRC32()
/// crc.update(header)
/// crc.update(body)
/// let value = crc.value            // == CRC32.checksum(header + body)
/// ```
public struct CRC32: RunningChecksum, Sendable, Equatable {
    /// The running register, complemented (so a fresh value is 0 like zlib's `crc32(0, ...)`).
    private var state: UInt32 = 0

    /// A checksum of zero bytes (`value == 0`).
    public init() {}

    /// Continues the checksum from an earlier `value` (as zlib's `crc32(value, ...)` does).
    public init(continuingFrom value: UInt32) { state = value }

    /// The CRC-32 of all bytes passed to `update` so far.
    public var value: UInt32 { state }

    /// Adds `bytes` to the checksum.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var crc = ~state
        var pointer = base
        var remaining = bytes.count
        Self.tables.withUnsafeBufferPointer { table in
            while remaining >= 8 {
                let low = UInt32(littleEndian: pointer.loadUnaligned(as: UInt32.self)) ^ crc
                let high = UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
                crc = table[7 * 256 + Int(low & 0xFF)]
                    ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)]
                    ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)]
                    ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[1 * 256 + Int((high >> 16) & 0xFF)]
                    ^ table[Int(high >> 24)]
                pointer += 8
                remaining -= 8
            }
            while remaining > 0 {
                crc = table[Int((crc ^ UInt32(pointer.load(as: UInt8.self))) & 0xFF)] ^ (crc >> 8)
                pointer += 1
                remaining -= 1
            }
        }
        state = ~crc
    }

    /// The bit-at-a-time definition, kept as the reference the table version is tested against.
    static func referenceChecksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
        }
        return ~crc
    }

    /// Table k maps a byte to its CRC contribution k bytes further on (slicing-by-8).
    static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for n in 0..<256 {
            var crc = UInt32(n)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
            tables[n] = crc
        }
        for n in 0..<256 {
            for k in 1..<8 {
                let previous = tables[(k - 1) * 256 + n]
                tables[k * 256 + n] = tables[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return tables
    }()
}
