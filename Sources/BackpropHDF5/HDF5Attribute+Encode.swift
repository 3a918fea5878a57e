extension HDF5Attribute {
    /// The attribute message body (HDF5 specification IV.A.2.m, version 3) of `value` called
    /// `name`: flags 0, the sizes of the name (with its NUL), the datatype and the dataspace,
    /// the name's character set (0 ASCII, 1 UTF-8), then the name, the datatype and dataspace
    /// messages and the data. ``parse(_:origin:file:ownerPath:)`` reads it back.
    static func encode(name: String, value: HDF5Array) -> [UInt8] {
        let nameBytes = Array(name.utf8) + [0]
        let datatype = value.datatype.encoded()
        let dataspace = Dataspace(shape: value.shape).encoded()
        var w = HDF5ByteWriter()
        w.uint8(3)
        w.uint8(0)
        w.uint16(UInt16(nameBytes.count))
        w.uint16(UInt16(datatype.count))
        w.uint16(UInt16(dataspace.count))
        w.uint8(nameBytes.contains { $0 >= 0x80 } ? 1 : 0)
        w.append(nameBytes)
        w.append(datatype)
        w.append(dataspace)
        w.append(value.bytes)
        return w.bytes
    }
}
