/// A 32-bit checksum computed over bytes given in pieces: ``CRC32`` (gzip, ZIP, PNG) and
/// ``Adler32`` (zlib). Start with `init()`, add bytes with `update`, read `value`.
public protocol RunningChecksum {
    /// A checksum of zero bytes.
    init()
    /// Adds `bytes` to the checksum.
    mutating func update(_ bytes: UnsafeRawBufferPointer)
    /// The checksum of all bytes added so far.
    var value: UInt32 { get }
}

extension RunningChecksum {
    /// Adds `bytes` to the checksum.
    @inlinable
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The checksum of `bytes`.
    @inlinable
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var checksum = Self()
        checksum.update(bytes)
        return checksum.value
    }
}
