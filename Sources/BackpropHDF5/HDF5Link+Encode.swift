extension HDF5Link {
    /// The link message body (HDF5 specification IV.A.2.g, version 1) of a hard link called
    /// `name` to the object header at `address`: flags (bits 0–1: bytes of the name length,
    /// bit 4: a character set byte follows, 1 = UTF-8, for names that are not ASCII), the name's
    /// length and bytes, then the address. ``parse(_:)`` reads it back.
    static func encodeHard(name: String, address: UInt64) -> [UInt8] {
        let bytes = Array(name.utf8)
        let lengthCode: UInt8 = bytes.count <= 0xff ? 0 : 1
        let isUTF8 = bytes.contains { $0 >= 0x80 }
        var w = HDF5ByteWriter()
        w.uint8(1)
        w.uint8(lengthCode | (isUTF8 ? 0x10 : 0))
        if isUTF8 { w.uint8(1) }
        w.uint(UInt64(bytes.count), size: 1 << Int(lengthCode))
        w.append(bytes)
        w.address(address)
        return w.bytes
    }
}

extension LinkInfo {
    /// The link info message body (type 2, version 0) of a group whose links are all in its
    /// object header ("compact storage"): no creation order, undefined fractal heap and name
    /// index addresses.
    static func encodeCompact() -> [UInt8] {
        var w = HDF5ByteWriter()
        w.uint8(0)
        w.uint8(0)
        w.address(nil)
        w.address(nil)
        return w.bytes
    }

    /// The group info message body (type 0x0A, version 0) of a group of `linkCount` links.
    /// Up to 8 links it stores no values (the library's defaults: at most 8 compact links);
    /// above, it stores a maximum compact count of `linkCount`, so that readers keep them
    /// compact as written.
    ///
    /// - Precondition: `linkCount` fits 16 bits (``HDF5Writer`` checks it).
    static func encodeGroupInfo(linkCount: Int) -> [UInt8] {
        var w = HDF5ByteWriter()
        w.uint8(0)
        if linkCount <= 8 {
            w.uint8(0)
        } else {
            w.uint8(0x01)
            w.uint16(UInt16(linkCount))
            w.uint16(6)
        }
        return w.bytes
    }
}
