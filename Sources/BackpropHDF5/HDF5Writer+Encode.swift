extension HDF5Writer {
    /// The file's bytes: the superblock, then each object after its members and data (so every
    /// address is known when a header is written), the root group's header last.
    public func encoded() -> [UInt8] {
        var w = HDF5ByteWriter()
        w.zeros(Superblock.version2Size)
        let rootAddress = HDF5Writer.write(root, into: &w)
        let superblock = Superblock.encodeVersion2(rootAddress: rootAddress, endOfFile: UInt64(w.count))
        w.bytes.replaceSubrange(0..<Superblock.version2Size, with: superblock)
        return w.bytes
    }

    /// Appends `object` (its members or data first, then its object header) and returns the
    /// header's address.
    private static func write(_ object: Object, into w: inout HDF5ByteWriter) -> UInt64 {
        var messages: [HeaderMessage]
        if let (array, storage) = object.dataset {
            messages = writeData(array, storage: storage, into: &w)
        } else {
            let names = object.members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            messages = [HeaderMessage(HeaderMessage.Kind.linkInfo, body: LinkInfo.encodeCompact()),
                        HeaderMessage(HeaderMessage.Kind.groupInfo, body: LinkInfo.encodeGroupInfo(linkCount: names.count))]
            for name in names {
                let address = write(object.members[name]!, into: &w)
                messages.append(HeaderMessage(HeaderMessage.Kind.link, body: HDF5Link.encodeHard(name: name, address: address)))
            }
        }
        for name in object.attributes.keys.sorted() {
            messages.append(HeaderMessage(HeaderMessage.Kind.attribute, body: HDF5Attribute.encode(name: name, value: object.attributes[name]!)))
        }
        let address = UInt64(w.count)
        w.append(ObjectHeader.encodeVersion2(messages))
        return address
    }

    /// Appends a dataset's data (contiguous bytes, or its chunks and their index) and returns
    /// its header messages: dataspace, datatype, fill value, layout, filter pipeline.
    private static func writeData(_ array: HDF5Array, storage: HDF5Storage, into w: inout HDF5ByteWriter) -> [HeaderMessage] {
        let elementSize = array.datatype.size
        let filters = storage.filters(elementSize: elementSize)
        let layout: [UInt8]
        switch storage {
        case .contiguous:
            let address = array.bytes.isEmpty ? nil : UInt64(w.count)
            w.append(array.bytes)
            layout = StorageLayout.encodeContiguous(address: address, size: array.bytes.count)
        case .chunked(let chunkShape, _, _):
            let index = StorageLayout.writeChunks(of: array, chunkShape: chunkShape, filters: filters, into: &w)
            layout = StorageLayout.encodeChunked(index: index, chunkShape: chunkShape, elementSize: elementSize)
        }
        var messages = [
            HeaderMessage(HeaderMessage.Kind.dataspace, body: Dataspace(shape: array.shape).encoded()),
            HeaderMessage(HeaderMessage.Kind.datatype, flags: HeaderMessage.constantFlag, body: array.datatype.encoded()),
            HeaderMessage(HeaderMessage.Kind.fillValue, flags: HeaderMessage.constantFlag,
                          body: FillValue.encodeUndefined(chunked: storage != .contiguous)),
            HeaderMessage(HeaderMessage.Kind.layout, body: layout),
        ]
        if !filters.isEmpty {
            messages.append(HeaderMessage(HeaderMessage.Kind.filters, body: HDF5Filter.encodePipeline(filters)))
        }
        return messages
    }
}
