import BackpropIO

/// The file's superblock: where HDF5 data starts, the sizes of addresses and lengths, and the
/// root group's object header (HDF5 specification III.A, versions 0 to 3).
struct Superblock: Sendable {
    /// The superblock version (0...3).
    var version: Int
    /// The absolute offset of the superblock, which is also the base address that every other
    /// address in the file is relative to (non-zero when the file starts with a user block).
    var base: UInt64
    /// Bytes per file address.
    var offsetSize: Int
    /// Bytes per length.
    var lengthSize: Int
    /// The root group's object header address (relative to `base`).
    var rootAddress: UInt64
    /// Group B-tree leaf/internal K (versions 0 and 1), for information.
    var groupLeafK = 0
    var groupInternalK = 0

    static let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]

    /// Finds and parses the superblock at offset 0, 512, 1024, 2048...
    ///
    /// - Throws: `.badSignature` when no signature is found, `.unsupportedVersion` for a
    ///   superblock version above 3, `.checksumMismatch`, `.truncated`.
    init(source: FileSource) throws(HDF5Error) {
        var location: UInt64 = 0
        var found = false
        while location + 8 <= source.size {
            if try source.read(at: location, count: 8, what: "superblock signature") == Superblock.signature {
                found = true
                break
            }
            location = location == 0 ? 512 : location * 2
        }
        guard found else {
            let start = try source.read(at: 0, count: Int(min(UInt64(FileSignature.prefixLength), source.size)), what: "file signature")
            if let kind = FileSignature(bytes: start) { throw HDF5Error(.notHDF5, file: source.path, found: kind.name) }
            let head = start.prefix(8)
            throw HDF5Error(.badSignature, file: source.path, offset: 0,
                            found: "no HDF5 signature at offset 0, 512, 1024, ... (file starts with \(head.map { String($0, radix: 16) }.joined(separator: " ")))")
        }
        let available = Int(min(source.size - location, 256))
        var c = HDF5ByteReader(try source.read(at: location, count: available, what: "superblock"), origin: location,
                           structure: "superblock", file: source.path)
        try c.skip(8)
        let version = Int(try c.uint8())
        self.version = version
        self.base = location
        switch version {
        case 0, 1:
            try c.skip(3)  // free-space, root symbol table entry and shared header versions
            try c.skip(1)
            offsetSize = Int(try c.uint8())
            lengthSize = Int(try c.uint8())
            try c.skip(1)
            groupLeafK = Int(try c.uint16())
            groupInternalK = Int(try c.uint16())
            try c.skip(4)  // file consistency flags
            if version == 1 { try c.skip(4) }  // indexed storage K, reserved
        case 2, 3:
            offsetSize = Int(try c.uint8())
            lengthSize = Int(try c.uint8())
            try c.skip(1)  // file consistency flags
        default:
            throw c.error(.unsupportedVersion(structure: "superblock", version: version), "versions 0 to 3 are supported", at: 8)
        }
        guard [2, 4, 8].contains(offsetSize), [2, 4, 8].contains(lengthSize) else {
            throw c.error(.malformed, "size of offsets \(offsetSize) / lengths \(lengthSize); expected 2, 4 or 8")
        }
        var f = HDF5ByteReader(c.bytes, origin: location, structure: "superblock", file: source.path,
                           offsetSize: offsetSize, lengthSize: lengthSize)
        f.position = c.position
        _ = try f.address()  // base address as stored; the superblock's location is used instead
        if version < 2 {
            _ = try f.address()  // free-space info (unused)
            _ = try f.address()  // end of file
            _ = try f.address()  // driver information block
            _ = try f.address()  // root symbol table entry: link name offset
            guard let root = try f.address() else { throw f.error(.malformed, "undefined root object header address") }
            rootAddress = root
        } else {
            _ = try f.address()  // superblock extension
            _ = try f.address()  // end of file
            guard let root = try f.address() else { throw f.error(.malformed, "undefined root object header address") }
            rootAddress = root
            try f.verifyChecksum()
        }
    }
}

/// Shared state of an open file: its bytes (through ranged reads) and the superblock's sizes.
/// Every structure reader goes through `cursor(at:count:structure:)`, which checks the range
/// against the file before anything is allocated.
final class HDF5Reader: Sendable {
    let source: FileSource
    let superblock: Superblock
    var path: String { source.path }
    var offsetSize: Int { superblock.offsetSize }
    var lengthSize: Int { superblock.lengthSize }
    /// Bytes of the file from the base address to its end: every size read from the file is
    /// checked against it.
    var available: UInt64 { source.size - superblock.base }

    init(path: String) throws(HDF5Error) {
        source = try FileSource(path: path)
        superblock = try Superblock(source: source)
    }

    init(bytes: [UInt8], name: String) throws(HDF5Error) {
        source = FileSource(bytes: bytes, name: name)
        superblock = try Superblock(source: source)
    }

    /// The absolute offset of relative address `address`, checked to leave `count` bytes.
    func absolute(_ address: UInt64, count: Int = 0, structure: String) throws(HDF5Error) -> UInt64 {
        guard address < available || (address == available && count == 0) else {
            throw HDF5Error(.addressOutOfRange, file: path, offset: superblock.base &+ address,
                            found: "\(structure) at address \(address) is past the end of the file (\(source.size) bytes)")
        }
        guard UInt64(max(count, 0)) <= available - address else {
            throw HDF5Error(.truncated, file: path, offset: superblock.base &+ address,
                            found: "\(structure) of \(count) bytes at address \(address) runs past the end of the file (\(source.size) bytes)")
        }
        return superblock.base + address
    }

    /// The `count` bytes at relative address `address`.
    func bytes(at address: UInt64, count: Int, structure: String) throws(HDF5Error) -> [UInt8] {
        let start = try absolute(address, count: count, structure: structure)
        return try source.read(at: start, count: count, what: structure)
    }

    /// A cursor over the `count` bytes at relative address `address`; `count` is clipped to the
    /// end of the file when `clip` is set (for structures whose size is known only once read).
    func cursor(at address: UInt64, count: Int, structure: String, clip: Bool = false) throws(HDF5Error) -> HDF5ByteReader {
        var wanted = count
        if clip {
            let start = try absolute(address, structure: structure)
            wanted = Int(min(UInt64(count), source.size - start))
        }
        let data = try bytes(at: address, count: wanted, structure: structure)
        return HDF5ByteReader(data, origin: superblock.base + address, structure: structure, file: path,
                          offsetSize: offsetSize, lengthSize: lengthSize)
    }

    /// A cursor over bytes already read (a message body), at absolute offset `origin`.
    func cursor(over data: [UInt8], origin: UInt64, structure: String) -> HDF5ByteReader {
        HDF5ByteReader(data, origin: origin, structure: structure, file: path, offsetSize: offsetSize, lengthSize: lengthSize)
    }

    func error(_ kind: HDF5Error.Kind, at address: UInt64?, _ found: String) -> HDF5Error {
        HDF5Error(kind, file: path, offset: address.map { superblock.base &+ $0 }, found: found)
    }
}
