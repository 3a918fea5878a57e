import BackpropCompression

extension HDF5Filter {
    /// The shuffle filter (id 2) for elements of `elementSize` bytes, optional as the HDF5
    /// library marks it.
    static func shuffle(elementSize: Int) -> HDF5Filter {
        HDF5Filter(id: 2, name: "shuffle", isOptional: true, parameters: [UInt32(elementSize)])
    }

    /// The deflate filter (id 1) at zlib `level` (0…9), optional as the HDF5 library marks it.
    static func deflate(level: Int) -> HDF5Filter {
        HDF5Filter(id: 1, name: "deflate", isOptional: true, parameters: [UInt32(level)])
    }

    /// Applies `filters` to one chunk, first filter first: the inverse of
    /// ``decode(_:filters:mask:expected:elementSize:reader:address:)`` for shuffle and deflate
    /// (deflate by `BackpropCompression.Zlib.compress`).
    static func encode(_ chunk: [UInt8], filters: [HDF5Filter]) -> [UInt8] {
        var data = chunk
        for filter in filters {
            switch filter.id {
            case 1: data = Zlib.compress(data, level: Int(filter.parameters.first ?? 6))
            case 2: data = shuffle(data, elementSize: Int(filter.parameters.first ?? 1))
            default: preconditionFailure("the writer does not apply \(filter)")
            }
        }
        return data
    }

    /// HDF5's shuffle: byte `b` of element `i` goes to `b * count + i` (all first bytes, then
    /// all second bytes…), which ``unshuffle(_:elementSize:)`` reverses.
    static func shuffle(_ data: [UInt8], elementSize: Int) -> [UInt8] {
        guard elementSize > 1, data.count >= elementSize else { return data }
        let count = data.count / elementSize
        var out = data  // a trailing partial element stays as it is
        data.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for b in 0..<elementSize {
                    let base = b * count
                    for i in 0..<count { target[base + i] = source[i * elementSize + b] }
                }
            }
        }
        return out
    }

    /// The filter pipeline message body (HDF5 specification IV.A.2.l, version 2): the filter
    /// count, then for each predefined filter its id, flags (bit 0: optional), the number of
    /// parameters and the parameters. ``parsePipeline(_:)`` reads it back.
    static func encodePipeline(_ filters: [HDF5Filter]) -> [UInt8] {
        var w = HDF5ByteWriter()
        w.uint8(2)
        w.uint8(UInt8(filters.count))
        for filter in filters {
            precondition(filter.id < 256, "the writer stores predefined filters only")
            w.uint16(UInt16(filter.id))
            w.uint16(filter.isOptional ? 1 : 0)
            w.uint16(UInt16(filter.parameters.count))
            for value in filter.parameters { w.uint32(value) }
        }
        return w.bytes
    }
}

extension FillValue {
    /// The fill value message body (type 5, version 3) of a dataset with no fill value defined
    /// (readers use zeros): the allocation time (2 late for contiguous data, 3 incremental for
    /// chunked, as the HDF5 library chooses) and the fill write time 2 ("if set").
    static func encodeUndefined(chunked: Bool) -> [UInt8] {
        let allocation: UInt8 = chunked ? 3 : 2
        return [3, allocation | 2 << 2]
    }
}
