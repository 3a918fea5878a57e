import BackpropIO

/// Builds an HDF5 file in memory and writes it, in pure Swift (no libhdf5): groups, numeric
/// and fixed-length string datasets (contiguous, or chunked with shuffle and deflate), and
/// attributes on any group or dataset. ``HDF5File`` and h5py read what it writes.
///
/// ```swift
/// var file = HDF5Writer()
/// try file.createDataset("train_set_x", HDF5Array(pixels, shape: [209, 64, 64, 3]))
/// try file.createDataset("train_set_y", HDF5Array(labels, shape: [209]))
/// try file.createDataset("list_classes", HDF5Array(strings: ["non-cat", "cat"]))
/// try file.setAttribute("source", HDF5Array(string: "my photos"))
/// try file.write(to: "train_mine.h5")   // atomic: the old file or the new one, never half
/// ```
///
/// Format: a version 2 superblock, version 2 object headers (lookup3 checksums), groups whose
/// links and attributes sit in their object headers ("compact" storage), version 3 data layout
/// messages, and version 1 B-trees as chunk indexes. This is the format of HDF5 1.8
/// (`libver="v108"` in h5py), so HDF5 1.8.0 and later (every h5py, every HDF5 1.10+) read it,
/// and it needs none of the older format's local heaps and symbol-table nodes; the version 4
/// layouts (fixed and extensible array indexes) would need HDF5 1.10.
public struct HDF5Writer: Sendable {
    /// A group (``dataset`` nil) or a dataset, with its attributes.
    struct Object: Sendable {
        var dataset: (array: HDF5Array, storage: HDF5Storage)?
        var members: [String: Object] = [:]
        var attributes: [String: HDF5Array] = [:]
    }

    var root = Object()

    /// The most links in one group and attributes on one object (both are kept in the object
    /// header, whose group info message counts links in 16 bits).
    public static let maximumMembers = Int(UInt16.max)

    /// An empty file: the root group with no members.
    public init() {}

    /// Creates the group at `path` (absolute or relative to the root) and any missing group on
    /// the way, as h5py's `create_group` does.
    ///
    /// - Throws: ``HDF5WriteError`` `.exists` when an object has that path, `.invalidName` for an
    ///   empty, `.` or `..` component, `.notFound` when the path leads through a dataset,
    ///   `.tooLarge` past ``maximumMembers`` links in a group.
    public mutating func createGroup(_ path: String) throws(HDF5WriteError) {
        try add(Object(), at: path)
    }

    /// Creates the dataset at `path` holding `array`, stored as `storage`; missing groups on the
    /// way are created.
    ///
    /// - Throws: ``HDF5WriteError`` `.invalidStorage` for a chunking that does not fit the array
    ///   (``HDF5Storage/chunked(shape:deflateLevel:shuffle:)``), or as ``createGroup(_:)``.
    public mutating func createDataset(_ path: String, _ array: HDF5Array, storage: HDF5Storage = .contiguous) throws(HDF5WriteError) {
        try storage.check(shape: array.shape, elementSize: array.datatype.size, path: path)
        try add(Object(dataset: (array, storage)), at: path)
    }

    /// Sets the attribute `name` of the object at `path` (default: the root group) to `value`,
    /// replacing one of that name, as h5py's `attrs[name] = value` does.
    ///
    /// - Throws: ``HDF5WriteError`` `.notFound` when no object has that path, `.invalidName` for
    ///   an empty name, `.tooLarge` for an attribute over 64 KiB (its message's limit) or past
    ///   ``maximumMembers`` attributes.
    public mutating func setAttribute(_ name: String, _ value: HDF5Array, on path: String = "/") throws(HDF5WriteError) {
        guard !name.isEmpty else { throw HDF5WriteError(.invalidName, path: path, found: "an empty attribute name") }
        let size = HDF5Attribute.encode(name: name, value: value).count
        guard size <= HeaderMessage.maximumBodySize else {
            throw HDF5WriteError(.tooLarge, path: path, found: "attribute \"\(name)\" of \(size) bytes; attributes hold at most \(HeaderMessage.maximumBodySize)")
        }
        let components = try HDF5Writer.components(path)
        try HDF5Writer.modify(&root, components[...], path: path, creating: false) { (object) throws(HDF5WriteError) in
            guard object.attributes[name] != nil || object.attributes.count < HDF5Writer.maximumMembers else {
                throw HDF5WriteError(.tooLarge, path: path, found: "more than \(HDF5Writer.maximumMembers) attributes")
            }
            object.attributes[name] = value
        }
    }

    /// Writes the file to `path` atomically (`BackpropIO` `AtomicFile`: a temporary file in
    /// the same folder, flushed, renamed over `path`), as every writer of the package does.
    ///
    /// - Throws: ``HDF5WriteError`` `.unwritable` with the system's reason; the previous file,
    ///   if any, is kept.
    public func write(to path: String) throws(HDF5WriteError) {
        do {
            try AtomicFile.write(encoded(), to: path)
        } catch {
            throw HDF5WriteError(error)
        }
    }

    /// Adds `object` at `path`, creating the groups on the way.
    private mutating func add(_ object: Object, at path: String) throws(HDF5WriteError) {
        var components = try HDF5Writer.components(path)
        guard let name = components.popLast() else { throw HDF5WriteError(.exists, path: path, found: "the root group") }
        try HDF5Writer.modify(&root, components[...], path: path, creating: true) { (group) throws(HDF5WriteError) in
            if let existing = group.members[name] {
                throw HDF5WriteError(.exists, path: path, found: existing.dataset == nil ? "a group" : "a dataset")
            }
            guard group.members.count < HDF5Writer.maximumMembers else {
                throw HDF5WriteError(.tooLarge, path: path, found: "more than \(HDF5Writer.maximumMembers) members in one group")
            }
            group.members[name] = object
        }
    }

    /// Applies `body` to the object `components` below `object`, creating missing groups when
    /// `creating` (the object itself must then be a group).
    private static func modify(_ object: inout Object, _ components: ArraySlice<String>, path: String, creating: Bool,
                               _ body: (inout Object) throws(HDF5WriteError) -> Void) throws(HDF5WriteError) {
        guard let name = components.first else {
            if creating && object.dataset != nil { throw HDF5WriteError(.notFound, path: path, found: "a dataset on the way, not a group") }
            return try body(&object)
        }
        guard object.dataset == nil else { throw HDF5WriteError(.notFound, path: path, found: "a dataset on the way, not a group") }
        if object.members[name] == nil {
            guard creating else { throw HDF5WriteError(.notFound, path: path, found: "no object \"\(name)\"") }
            object.members[name] = Object()
        }
        try modify(&object.members[name]!, components.dropFirst(), path: path, creating: creating, body)
    }

    /// The components of `path` (`/a/b` or `a/b`; `/` alone is the root).
    private static func components(_ path: String) throws(HDF5WriteError) -> [String] {
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        if trimmed.isEmpty { return [] }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for part in parts where part.isEmpty || part == "." || part == ".." {
            throw HDF5WriteError(.invalidName, path: path, found: part.isEmpty ? "an empty path component" : "the component \"\(part)\"")
        }
        return parts
    }
}
