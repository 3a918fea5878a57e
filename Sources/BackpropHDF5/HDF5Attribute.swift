import BackpropMatrix

/// An attribute of a group or dataset: a small named array stored with the object.
///
/// Attributes are read completely when listed (they are small); convert their values with
/// ``read(as:)``, ``readInt64()`` or ``readStrings()``.
public struct HDF5Attribute: Sendable {
    /// The attribute's name.
    public var name: String
    /// The element type.
    public var datatype: HDF5Datatype
    /// The shape: `[]` for a scalar, `[n]`, `[r, c]`... (empty too for a null dataspace, see
    /// ``isNull``).
    public var shape: [Int]
    /// Whether the attribute has a null dataspace (no value at all, `h5py.Empty`).
    public var isNull: Bool
    let elementSize: Int
    let data: [UInt8]
    let origin: UInt64
    let file: HDF5File
    /// The path of the object the attribute belongs to (for error messages).
    let ownerPath: String

    var values: ElementBlock {
        ElementBlock(bytes: data, datatype: datatype, elementSize: elementSize, shape: shape, origin: origin,
                     file: file, objectPath: ownerPath + "@" + name)
    }

    /// The values converted to `T` (integers and floats convert; row-major order).
    ///
    /// - Throws: ``HDF5Error`` `.typeMismatch` for string or unsupported types.
    public func read<T: MatrixScalar>(as type: T.Type) throws(HDF5Error) -> [T] { try values.convert(to: T.self) }

    /// The values as 64-bit integers.
    ///
    /// - Throws: ``HDF5Error`` `.typeMismatch` for non-integer types, `.sizeTooLarge` for an
    ///   unsigned value above `Int64.max`.
    public func readInt64() throws(HDF5Error) -> [Int64] { try values.int64() }

    /// The values as strings (fixed-length strings lose their padding).
    ///
    /// - Throws: ``HDF5Error`` `.typeMismatch` for non-string types.
    public func readStrings() throws(HDF5Error) -> [String] { try values.strings() }

    /// The values as text, whatever the type: numbers in Swift's shortest form, strings as
    /// they are. Used by ``HDF5File/describeTree()``.
    public func formattedValues() throws(HDF5Error) -> [String] { try values.formatted() }

    /// Parses an attribute message (HDF5 specification IV.A.2.m), versions 1 to 3.
    static func parse(_ body: [UInt8], origin: UInt64, file: HDF5File, ownerPath: String) throws(HDF5Error) -> HDF5Attribute {
        var c = file.reader.cursor(over: body, origin: origin, structure: "attribute message")
        let version = Int(try c.uint8())
        guard (1...3).contains(version) else {
            throw c.error(.unsupportedVersion(structure: "attribute message", version: version), "versions 1 to 3 are supported", at: 0)
        }
        let flags = try c.uint8()
        let nameSize = Int(try c.uint16())
        let datatypeSize = Int(try c.uint16())
        let dataspaceSize = Int(try c.uint16())
        if version == 3 { try c.skip(1) }
        func padded(_ n: Int) -> Int { version == 1 ? (n + 7) / 8 * 8 : n }
        let nameBytes = try c.take(padded(nameSize))
        let name = String(decoding: nameBytes.prefix(nameSize).prefix { $0 != 0 }, as: UTF8.self)
        guard flags & 0x03 == 0 else {
            throw c.error(.unsupportedFeature("shared attribute datatype or dataspace"), "attribute \"\(name)\"").at(object: ownerPath)
        }
        var t = file.reader.cursor(over: try c.take(padded(datatypeSize)), origin: c.fileOffset, structure: "attribute datatype")
        let (datatype, elementSize, bits) = try HDF5Datatype.parse(&t)
        var s = file.reader.cursor(over: try c.take(padded(dataspaceSize)), origin: c.fileOffset, structure: "attribute dataspace")
        let space = try Dataspace.parse(&s)
        let count = space.elementCount
        let (bytes, overflow) = count.multipliedReportingOverflow(by: UInt64(elementSize))
        guard !overflow, bytes <= UInt64(c.remaining) else {
            throw c.error(.sizeTooLarge, "attribute \"\(name)\" of \(space.dimensions) × \(elementSize) bytes, \(c.remaining) bytes stored").at(object: ownerPath)
        }
        let dataOrigin = c.fileOffset
        let stored = try c.take(Int(bytes))
        let data = bits.map { $0.normalize(stored, datatype: datatype) } ?? stored
        return HDF5Attribute(name: name, datatype: datatype, shape: space.dimensions.map { Int($0) }, isNull: space.kind == .null,
                             elementSize: elementSize, data: data, origin: dataOrigin, file: file, ownerPath: ownerPath)
    }

    /// The attributes of an object header: compact attribute messages and, when an attribute
    /// info message points to one, dense storage (fractal heap + v2 B-tree name index).
    static func all(of header: ObjectHeader, file: HDF5File, ownerPath: String) throws(HDF5Error) -> [HDF5Attribute] {
        do throws(HDF5Error) {
            var result: [HDF5Attribute] = []
            for message in header.all(HeaderMessage.Kind.attribute) {
                result.append(try parse(message.body, origin: message.origin, file: file, ownerPath: ownerPath))
            }
            if let info = header.first(HeaderMessage.Kind.attributeInfo) {
                let dense = try LinkInfo.parse(info, reader: file.reader, creationIndexBytes: 2)
                // Records: the heap ID (8 bytes), then flags, creation order and the name's hash.
                try dense.forEachDenseObject(reader: file.reader, treeType: 8, what: "attribute", idOffset: 0, idLength: 8) { object throws(HDF5Error) in
                    result.append(try parse(object, origin: 0, file: file, ownerPath: ownerPath))
                }
            }
            return result.sorted { $0.name < $1.name }
        } catch {
            throw error.at(object: ownerPath)
        }
    }

    /// The attribute called `name` among `attributes` (those of the object at `ownerPath`).
    ///
    /// - Throws: ``HDF5Error`` `.notFound` when there is none.
    static func named(_ name: String, in attributes: [HDF5Attribute], file: HDF5File, ownerPath: String) throws(HDF5Error) -> HDF5Attribute {
        guard let found = attributes.first(where: { $0.name == name }) else {
            throw HDF5Error(.notFound, file: file.path, objectPath: ownerPath, found: "no attribute \"\(name)\"")
        }
        return found
    }
}
