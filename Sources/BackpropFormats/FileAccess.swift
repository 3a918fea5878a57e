import BackpropIO

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// File-system access for the readers and writers, turning failures into ``FormatError``.
enum FileAccess {
    /// The whole content of the file at `path`, which the caller reads as `expected` (for
    /// messages: "a model", "a CSV file"), a format whose files start with one of `kinds`
    /// (empty: a format with no magic number, such as CSV text).
    ///
    /// - Throws: ``FormatError`` `.wrongKind` for a folder or a file whose first bytes say it
    ///   is another format (``refuseOtherKind(_:expecting:accepting:)``, before it is read);
    ///   `.invalid` for a FIFO, a device or a socket (refused before it is opened: reading one
    ///   could block or never end); `.unreadable` with the system's reason (`strerror`, not
    ///   Foundation's wording) otherwise.
    static func read(_ path: String, expecting expected: String, accepting kinds: [FileSignature]) throws(FormatError) -> [UInt8] {
        if let kind = FileKind.special(at: path) {
            throw FormatError(.invalid, file: path, expected: "a regular file", found: kind)
        }
        try refuseOtherKind(path, expecting: expected, accepting: kinds)
        do {
            return try FileBytes.read(path)
        } catch {
            throw FormatError(.unreadable, file: path, expected: "a readable file", found: error.reason)
        }
    }

    /// Refuses a path that names a folder, or a file whose first bytes say it is a format
    /// other than `kinds` (``BackpropIO/FileSignature``), before anything parses it: the one
    /// check of what a file is, for every reader of this module. A file whose first bytes are
    /// none of the known kinds passes (its reader then checks it byte by byte).
    ///
    /// - Throws: ``FormatError`` `.wrongKind`: `x.h5: this is a PNG image, not an HDF5 file`.
    static func refuseOtherKind(_ path: String, expecting expected: String, accepting kinds: [FileSignature]) throws(FormatError) {
        if FileKind(path: path) == .directory {
            throw FormatError(.wrongKind, file: path, expected: expected, found: "a folder")
        }
        if let kind = FileSignature(path: path), !kinds.contains(kind) {
            throw FormatError(.wrongKind, file: path, expected: expected, found: kind.name)
        }
    }

    /// Writes `bytes` to `path` atomically and durably, for every writer of this module (models,
    /// checkpoints, .npy, .npz, CSV): see ``AtomicFile/write(_:to:)`` (temporary file, `fsync`,
    /// rename, stale temporaries of dead writers removed).
    ///
    /// - Throws: ``FormatError`` (`.unwritable`, naming `path` and the system's reason); the
    ///   temporary file is removed.
    static func write(_ bytes: [UInt8], to path: String) throws(FormatError) {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw FormatError(error)
        }
    }

    /// The entries of the directory at `path`, sorted by name, or nil when `path` is not a
    /// directory.
    static func directoryEntries(_ path: String) -> [String]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Whether `path` names a directory.
    static func isDirectory(_ path: String) -> Bool { directoryEntries(path) != nil }

    /// Joins a directory and a name with one `/`.
    static func join(_ directory: String, _ name: String) -> String { joinPath(directory, name) }
}
