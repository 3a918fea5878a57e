/// A group: a set of named links to datasets, other groups, soft and external links.
public struct HDF5Group: Sendable {
    /// The file the group belongs to.
    public let file: HDF5File
    /// The group's path, `/` for the root.
    public let path: String
    let header: ObjectHeader

    /// The group's name (the last path component, `/` for the root).
    public var name: String { path == "/" ? "/" : String(path.split(separator: "/").last ?? "") }

    /// The group's links, sorted by name: from a symbol table (old-style groups), from link
    /// messages in the object header (compact new-style groups) or from the fractal heap and
    /// v2 B-tree of dense storage.
    ///
    /// - Throws: ``HDF5Error`` for any damaged structure on the way.
    public func links() throws(HDF5Error) -> [HDF5Link] {
        do throws(HDF5Error) {
            var links: [HDF5Link] = []
            if let table = header.first(HeaderMessage.Kind.symbolTable) {
                links = try SymbolTable.links(table, reader: file.reader)
            }
            for message in header.all(HeaderMessage.Kind.link) {
                var c = file.reader.cursor(over: message.body, origin: message.origin, structure: "link message")
                links.append(try HDF5Link.parse(&c))
            }
            if let info = header.first(HeaderMessage.Kind.linkInfo) {
                let dense = try LinkInfo.parse(info, reader: file.reader, creationIndexBytes: 8)
                // Records: the name's hash (4 bytes), then the heap ID.
                try dense.forEachDenseObject(reader: file.reader, treeType: 5, what: "link", idOffset: 4, idLength: nil) { object throws(HDF5Error) in
                    var c = file.reader.cursor(over: object, origin: 0, structure: "dense link message")
                    links.append(try HDF5Link.parse(&c))
                }
            }
            return links.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        } catch {
            throw error.at(object: path)
        }
    }

    /// The group's attributes, sorted by name.
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

    /// The object at `path`, relative to this group (or absolute when it starts with `/`).
    ///
    /// - Throws: as ``HDF5File/object(at:)``.
    public func object(at path: String) throws(HDF5Error) -> HDF5Object {
        var hops = 0
        return try file.resolve(path, from: self, hops: &hops)
    }

    /// The dataset at `path`, relative to this group.
    ///
    /// - Throws: ``HDF5Error`` `.typeMismatch` for a group, or as ``HDF5File/object(at:)``.
    public func dataset(_ path: String) throws(HDF5Error) -> HDF5Dataset {
        switch try object(at: path) {
        case .dataset(let dataset): return dataset
        case .group(let group): throw HDF5Error(.typeMismatch, file: file.path, objectPath: group.path, found: "a group, not a dataset")
        }
    }

    /// The object a link of this group points to (soft links followed).
    ///
    /// - Throws: `.unsupportedFeature("external link")` for external links, or as
    ///   ``HDF5File/object(at:)``.
    public func object(for link: HDF5Link) throws(HDF5Error) -> HDF5Object {
        var hops = 0
        return try file.follow(link, in: self, hops: &hops)
    }

    /// The relative address of the group's object header (identifies the object: two hard
    /// links to the same group have the same address).
    public var address: UInt64 { header.address }
}
