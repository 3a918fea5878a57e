extension Superblock {
    /// The size of a version 2 superblock with 8-byte addresses and lengths.
    static let version2Size = 48

    /// A version 2 superblock (HDF5 specification III.A): the signature, version 2, 8-byte
    /// addresses and lengths, no consistency flags, base address 0, no superblock extension,
    /// the end-of-file address, the root group's object header address, then the lookup3
    /// checksum of the 44 bytes before it. ``init(source:)`` reads it back.
    static func encodeVersion2(rootAddress: UInt64, endOfFile: UInt64) -> [UInt8] {
        var w = HDF5ByteWriter()
        w.append(signature)
        w.uint8(2)
        w.uint8(8)
        w.uint8(8)
        w.uint8(0)
        w.address(0)
        w.address(nil)
        w.address(endOfFile)
        w.address(rootAddress)
        w.checksum(from: 0)
        return w.bytes
    }
}
