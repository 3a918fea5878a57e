/// A dataset: an n-dimensional array of one element type, with its storage layout, filters
/// and attributes. Its values are read only when asked for (``read(as:)``, ``readMatrix(as:)``,
/// ``readStrings()``, ``readInt64()``, ``readRaw()``).
public struct HDF5Dataset: Sendable {
    /// The file the dataset belongs to.
    public let file: HDF5File
    /// The dataset's path in the file.
    public let path: String
    /// The dimensions (`[]` for a scalar or a null dataspace).
    public let shape: [Int]
    /// The maximum dimensions (`nil` entries are unlimited).
    public let maximumShape: [Int?]
    /// Whether the dataspace is null (no value at all, `h5py.Empty`).
    public let isNull: Bool
    /// The element type.
    public let datatype: HDF5Datatype
    /// The filters applied to each chunk when written, in order (empty unless chunked).
    public let filters: [HDF5Filter]
    /// Bytes per stored element.
    let elementSize: Int
    /// Where the significant bits of each element lie when they do not fill it (n-bit data).
    let bitField: BitField?
    let layout: StorageLayout
    let fillValue: [UInt8]?
    let header: ObjectHeader

    /// The largest dataset ``read(as:)`` and friends will allocate, in bytes of stored elements
    /// (4 GiB). Contiguous data are also bounded by the file size.
    public static let maximumReadBytes: UInt64 = 1 << 32

    /// The number of elements (product of ``shape``; 1 for a scalar, 0 for null).
    public var elementCount: Int { isNull ? 0 : shape.reduce(1, *) }

    /// The storage layout in words: `compact`, `contiguous`, `chunked (4×3, v1 B-tree)`.
    public var layoutDescription: String { layout.description }

    /// The dataset's name (last path component).
    public var name: String { String(path.split(separator: "/").last ?? "") }

    init(file: HDF5File, path: String, header: ObjectHeader) throws(HDF5Error) {
        do throws(HDF5Error) {
            let reader = file.reader
            self.file = file
            self.path = path
            self.header = header
            guard let spaceMessage = header.first(HeaderMessage.Kind.dataspace) else {
                throw reader.error(.malformed, at: header.address, "dataset without a dataspace message")
            }
            var s = reader.cursor(over: spaceMessage.body, origin: spaceMessage.origin, structure: "dataspace message")
            guard !spaceMessage.isShared else { throw s.error(.unsupportedFeature("shared dataspace"), "shared dataspace message", at: 0) }
            let space = try Dataspace.parse(&s)
            let count = space.elementCount
            guard space.dimensions.allSatisfy({ $0 <= UInt64(Int.max) }), count < UInt64(Int.max) else {
                throw s.error(.sizeTooLarge, "dimensions \(space.dimensions)", at: 0)
            }
            shape = space.dimensions.map { Int($0) }
            maximumShape = space.maximumDimensions.map { $0 == .max || $0 > UInt64(Int.max) ? nil : Int($0) }
            isNull = space.kind == .null
            (datatype, elementSize, bitField) = try HDF5Dataset.datatype(of: header, file: file, path: path)
            guard let layoutMessage = header.first(HeaderMessage.Kind.layout) else {
                throw reader.error(.malformed, at: header.address, "dataset without a data layout message")
            }
            var l = reader.cursor(over: layoutMessage.body, origin: layoutMessage.origin, structure: "data layout message")
            var parsed = try StorageLayout.parse(&l, rank: shape.count)
            if case .contiguous(let address, let size) = parsed.kind, size == .max {
                parsed.kind = .contiguous(address: address, size: count * UInt64(elementSize))
            }
            layout = parsed
            if let pipeline = header.first(HeaderMessage.Kind.filters) {
                var p = reader.cursor(over: pipeline.body, origin: pipeline.origin, structure: "filter pipeline message")
                filters = try HDF5Filter.parsePipeline(&p)
            } else {
                filters = []
            }
            if let fill = header.first(HeaderMessage.Kind.fillValue) ?? header.first(HeaderMessage.Kind.oldFillValue) {
                fillValue = try FillValue.parse(fill, reader: reader)
            } else {
                fillValue = nil
            }
            if header.first(HeaderMessage.Kind.externalFiles) != nil {
                throw reader.error(.unsupportedFeature("external data files"), at: header.address, "dataset stored in external files")
            }
        } catch {
            throw error.at(object: path)
        }
    }

    /// The datatype message of a header, following a shared (committed) datatype: the type, its
    /// size and its ``BitField`` (as ``HDF5Datatype/parse(_:)``).
    static func datatype(of header: ObjectHeader, file: HDF5File, path: String, depth: Int = 0) throws(HDF5Error) -> (HDF5Datatype, Int, BitField?) {
        let reader = file.reader
        guard let message = header.first(HeaderMessage.Kind.datatype) else {
            throw reader.error(.malformed, at: header.address, "dataset without a datatype message")
        }
        var c = reader.cursor(over: message.body, origin: message.origin, structure: "datatype message")
        guard message.isShared else { return try HDF5Datatype.parse(&c) }
        guard depth < 8 else { throw c.error(.cycle, "committed datatypes refer to each other", at: 0) }
        let version = Int(try c.uint8())
        let type = try c.uint8()
        switch version {
        case 1: try c.skip(6)
        case 2: break
        case 3 where type == 2: break
        case 3: throw c.error(.unsupportedFeature("shared message heap"), "datatype stored in the shared object header message heap", at: 0)
        default: throw c.error(.unsupportedVersion(structure: "shared message", version: version), "versions 1 to 3 are supported", at: 0)
        }
        guard let address = try c.address() else { throw c.error(.malformed, "undefined committed datatype address") }
        let committed = try file.header(at: address, path: path)
        return try datatype(of: committed, file: file, path: path, depth: depth + 1)
    }

    /// The dataset's attributes, sorted by name.
    ///
    /// - Throws: ``HDF5Error`` for a damaged or unsupported attribute.
    public func attributes() throws(HDF5Error) -> [HDF5Attribute] {
        try HDF5Attribute.all(of: header, file: file, ownerPath: path)
    }

    /// The attribute called `name`.
    ///
    /// - Throws: ``HDF5Error`` `.notFound` when there is none.
    public func attribute(_ name: String) throws(HDF5Error) -> HDF5Attribute {
        try HDF5Attribute.named(name, in: attributes(), file: file, ownerPath: path)
    }
}
