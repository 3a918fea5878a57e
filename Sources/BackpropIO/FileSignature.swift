#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The kind of file its first bytes (its magic number) say it is, whatever its name says:
/// every reader that expects one kind checks with ``init(bytes:)`` before parsing, so a file of
/// another kind is named for what it is ("this is an HDF5 file, not a model") instead of being
/// parsed as the expected kind and reported as damaged (an HDF5 signature read as a
/// safetensors header length of 727905341903489161).
///
/// | kind | first bytes |
/// |---|---|
/// | ``hdf5`` | `89 48 44 46 0D 0A 1A 0A` (`\x89HDF\r\n\x1a\n`) |
/// | ``safetensors`` | an 8-byte little-endian header length below 100 MB, then `{` |
/// | ``npy`` | `93 4E 55 4D 50 59` (`\x93NUMPY`) |
/// | ``zip`` | `50 4B 03 04`, `50 4B 05 06` or `50 4B 07 08` (`PK…`; `.npz` files are zip archives) |
/// | ``gzip`` | `1F 8B` |
/// | ``png`` | `89 50 4E 47 0D 0A 1A 0A` (`\x89PNG\r\n\x1a\n`) |
/// | ``jpeg`` | `FF D8 FF` |
package enum FileSignature: Sendable, Equatable, CaseIterable {
    /// An HDF5 file (`.h5`: the course's data sets).
    case hdf5
    /// A safetensors file (Backprop's models and checkpoints).
    case safetensors
    /// A NumPy array (`.npy`).
    case npy
    /// A zip archive (`.zip`, and NumPy's `.npz`).
    case zip
    /// A gzip-compressed file (`.gz`).
    case gzip
    /// A PNG image.
    case png
    /// A JPEG image.
    case jpeg

    /// The most bytes ``init(bytes:)`` looks at.
    package static let prefixLength = 16

    /// The kind `bytes` (a file's first bytes; ``prefixLength`` are enough) start with, nil
    /// when they start like none of these.
    package init?(bytes: some Collection<UInt8>) {
        let head = Array(bytes.prefix(Self.prefixLength))
        func starts(_ magic: [UInt8]) -> Bool { head.starts(with: magic) }
        if starts([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]) { self = .hdf5 }
        else if starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) { self = .png }
        else if starts([0xff, 0xd8, 0xff]) { self = .jpeg }
        else if starts([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]) { self = .npy }
        else if starts([0x1f, 0x8b]) { self = .gzip }
        else if [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06], [0x50, 0x4b, 0x07, 0x08]].contains(where: starts) { self = .zip }
        else if Self.isSafetensorsHeader(head) { self = .safetensors }
        else { return nil }
    }

    /// The kind of the regular file at `path` from its first ``prefixLength`` bytes; nil when it
    /// starts like none of these, or names no regular file, or cannot be read (the reader that
    /// follows reports why).
    package init?(path: String) {
        guard FileKind(path: path) == .regular else { return nil }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var head = [UInt8](repeating: 0, count: Self.prefixLength)
        let count = head.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, 0) }
        guard count > 0 else { return nil }
        self.init(bytes: head[..<count])
    }

    /// What the kind is called in a message: "an HDF5 file", "a PNG image".
    package var name: String {
        switch self {
        case .hdf5: "an HDF5 file"
        case .safetensors: "a safetensors file"
        case .npy: "a NumPy .npy array"
        case .zip: "a zip archive"
        case .gzip: "a gzip-compressed file"
        case .png: "a PNG image"
        case .jpeg: "a JPEG image"
        }
    }

    /// The kind whose ``name`` is `name`, nil for any other text.
    package init?(name: String) {
        guard let kind = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = kind
    }

    /// Whether `head` starts as a safetensors file does: a little-endian 64-bit header length N
    /// with 2 ≤ N ≤ 100 MB, then the header's opening `{`.
    private static func isSafetensorsHeader(_ head: [UInt8]) -> Bool {
        guard head.count >= 9, head[8] == UInt8(ascii: "{") else { return false }
        var length: UInt64 = 0
        for k in 0..<8 { length |= UInt64(head[k]) << (8 * UInt64(k)) }
        return length >= 2 && length <= 100_000_000
    }
}
