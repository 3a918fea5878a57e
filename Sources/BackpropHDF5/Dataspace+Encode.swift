extension Dataspace {
    /// A simple dataspace of fixed dimensions `shape`, or a scalar one when `shape` is empty.
    init(shape: [Int]) {
        let dimensions = shape.map { UInt64($0) }
        self.init(kind: shape.isEmpty ? .scalar : .simple, dimensions: dimensions, maximumDimensions: dimensions)
    }

    /// The dataspace message body (HDF5 specification IV.A.2.b, version 2): version, rank,
    /// flags 0 (no maximum dimensions: they equal the current ones), type (0 scalar, 1 simple,
    /// 2 null), then each dimension as a length. ``parse(_:)`` reads it back.
    func encoded() -> [UInt8] {
        var w = HDF5ByteWriter()
        w.uint8(2)
        w.uint8(UInt8(dimensions.count))
        w.uint8(0)
        switch kind {
        case .scalar: w.uint8(0)
        case .simple: w.uint8(1)
        case .null: w.uint8(2)
        }
        for d in dimensions { w.uint64(d) }
        return w.bytes
    }
}
