/// An HDF5 file opened for reading, in pure Swift (no libhdf5).
///
/// Opening reads only the superblock; groups, datasets and attributes are read when asked for,
/// through ranged reads (`pread`), so reading one dataset touches only that dataset's bytes
/// and the metadata leading to it. ``init(bytes:name:)`` reads a file already in memory.
///
/// ```swift
/// let file = try HDF5File(path: "train_catvnoncat.h5")
/// let x = try file.dataset(at: "/train_set_x")      // shape [209, 64, 64, 3], uint8
/// let pixels = try x.read(as: Double.self).values  // 2_568_192 values
/// print(try file.describeTree())
/// ```
///
/// Supported: superblocks 0–3 (with user blocks), object headers 1–2, old- and new-style
/// groups (symbol tables, compact and dense links), compact/contiguous/chunked layouts with
/// every chunk index, the filters deflate, shuffle, fletcher32, LZF (h5py's), scale-offset and
/// n-bit (integers and floats), integer/float/string types (integers and floats also with
/// reduced precision). Anything else is reported with an ``HDF5Error`` naming it.
public final class HDF5File: Sendable {
    /// The path the file was opened with.
    public let path: String
    let reader: HDF5Reader

    /// The most soft links followed while resolving one path.
    public static let maximumLinkHops = 40

    /// Opens the file at `path` and reads its superblock.
    ///
    /// - Throws: ``HDF5Error`` `.cannotOpen`, `.badSignature` (not an HDF5 file),
    ///   `.unsupportedVersion`, `.checksumMismatch` or `.truncated`.
    public init(path: String) throws(HDF5Error) {
        self.path = path
        reader = try HDF5Reader(path: path)
    }

    /// Reads an HDF5 file whose bytes are already in memory (downloaded, embedded, or from an
    /// archive). Nothing is copied; reads slice `bytes` with the same range checks as a file.
    ///
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - name: what errors and ``path`` call the file (default `"<memory>"`).
    /// - Throws: ``HDF5Error`` `.badSignature` (not an HDF5 file), `.unsupportedVersion`,
    ///   `.checksumMismatch` or `.truncated`.
    public init(bytes: [UInt8], name: String = "<memory>") throws(HDF5Error) {
        self.path = name
        reader = try HDF5Reader(bytes: bytes, name: name)
    }

    /// The superblock version (0 to 3).
    public var superblockVersion: Int { reader.superblock.version }

    /// The size of the user block before the HDF5 data, in bytes (0 when none).
    public var userBlockSize: UInt64 { reader.superblock.base }

    /// The root group `/`.
    ///
    /// - Throws: ``HDF5Error`` when its object header cannot be read.
    public var root: HDF5Group {
        get throws(HDF5Error) {
            try HDF5Group(file: self, path: "/", header: header(at: reader.superblock.rootAddress, path: "/"))
        }
    }

    /// The object (group or dataset) at `path`, absolute (`/a/b`) or relative to the root.
    /// Soft links are followed (the object's ``HDF5Object/path`` is then the target's path);
    /// external links throw `.unsupportedFeature("external link")`.
    ///
    /// - Throws: ``HDF5Error`` `.notFound` naming the missing component, `.cycle` when soft
    ///   links loop, or any error reading the objects on the way.
    public func object(at path: String) throws(HDF5Error) -> HDF5Object {
        var hops = 0
        return try resolve(path, from: root, hops: &hops)
    }

    /// The group at `path`.
    ///
    /// - Throws: ``HDF5Error`` `.typeMismatch` when the object is a dataset, or as ``object(at:)``.
    public func group(at path: String) throws(HDF5Error) -> HDF5Group {
        switch try object(at: path) {
        case .group(let group): return group
        case .dataset(let dataset):
            throw HDF5Error(.typeMismatch, file: self.path, objectPath: dataset.path, found: "a dataset, not a group")
        }
    }

    /// The dataset at `path`.
    ///
    /// - Throws: ``HDF5Error`` `.typeMismatch` when the object is a group, or as ``object(at:)``.
    public func dataset(at path: String) throws(HDF5Error) -> HDF5Dataset {
        switch try object(at: path) {
        case .dataset(let dataset): return dataset
        case .group(let group):
            throw HDF5Error(.typeMismatch, file: self.path, objectPath: group.path, found: "a group, not a dataset")
        }
    }

    func header(at address: UInt64, path: String) throws(HDF5Error) -> ObjectHeader {
        do throws(HDF5Error) {
            return try ObjectHeader(reader: reader, address: address)
        } catch {
            throw error.at(object: path)
        }
    }

    func resolve(_ path: String, from start: HDF5Group, hops: inout Int) throws(HDF5Error) -> HDF5Object {
        let components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard components.count <= 256 else {
            throw HDF5Error(.sizeTooLarge, file: self.path, objectPath: path, found: "path of \(components.count) components")
        }
        var current = HDF5Object.group(path.hasPrefix("/") ? try root : start)
        for name in components {
            guard case .group(let group) = current else {
                throw HDF5Error(.notFound, file: self.path, objectPath: path, found: "\(current.path) is a dataset, it has no member \"\(name)\"")
            }
            guard let link = try group.links().first(where: { $0.name == name }) else {
                throw HDF5Error(.notFound, file: self.path, objectPath: path, found: "group \(group.path) has no member \"\(name)\"")
            }
            current = try follow(link, in: group, hops: &hops)
        }
        return current
    }

    func follow(_ link: HDF5Link, in group: HDF5Group, hops: inout Int) throws(HDF5Error) -> HDF5Object {
        let childPath = group.path == "/" ? "/" + link.name : group.path + "/" + link.name
        switch link.target {
        case .hard(let address):
            return try HDF5Object(file: self, path: childPath, header: header(at: address, path: childPath))
        case .soft(let target):
            hops += 1
            guard hops <= HDF5File.maximumLinkHops else {
                throw HDF5Error(.cycle, file: path, objectPath: childPath,
                                found: "more than \(HDF5File.maximumLinkHops) soft links followed (soft links loop?)")
            }
            return try resolve(target, from: group, hops: &hops)
        case .external(let file, let target):
            throw HDF5Error(.unsupportedFeature("external link"), file: path, objectPath: childPath,
                            found: "external link to \(file):\(target) is not followed")
        }
    }
}

/// A group or a dataset.
public enum HDF5Object: Sendable {
    /// A group.
    case group(HDF5Group)
    /// A dataset.
    case dataset(HDF5Dataset)

    /// The object's path in the file.
    public var path: String {
        switch self {
        case .group(let group): return group.path
        case .dataset(let dataset): return dataset.path
        }
    }

    /// The object's attributes.
    public func attributes() throws(HDF5Error) -> [HDF5Attribute] {
        switch self {
        case .group(let group): return try group.attributes()
        case .dataset(let dataset): return try dataset.attributes()
        }
    }

    init(file: HDF5File, path: String, header: ObjectHeader) throws(HDF5Error) {
        if header.first(HeaderMessage.Kind.layout) != nil || header.first(HeaderMessage.Kind.dataspace) != nil {
            self = .dataset(try HDF5Dataset(file: file, path: path, header: header))
        } else if header.first(HeaderMessage.Kind.datatype) != nil {
            throw HDF5Error(.unsupportedFeature("committed datatype"), file: file.path, objectPath: path,
                            found: "a named datatype, not a group or dataset")
        } else {
            self = .group(HDF5Group(file: file, path: path, header: header))
        }
    }
}
