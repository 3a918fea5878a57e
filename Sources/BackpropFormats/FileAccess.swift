import BackpropIO

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// File-system access for the readers and writers, turning failures into ``FormatError``.
enum FileAccess {
    /// The whole content of the file at `path`.
    ///
    /// - Throws: ``FormatError`` `.invalid` for a FIFO, a device or a socket (refused before it
    ///   is opened: reading one could block or never end); `.unreadable` with the system's
    ///   reason (`strerror`, not Foundation's wording) otherwise.
    static func read(_ path: String) throws(FormatError) -> [UInt8] {
        if let kind = FileKind.special(at: path) {
            throw FormatError(.invalid, file: path, expected: "a regular file", found: kind)
        }
        do {
            return try FileBytes.read(path)
        } catch {
            throw FormatError(.unreadable, file: path, expected: "a readable file", found: error.reason)
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
            let expected = switch error.step {
            case .create(let folder): "a writable folder \(folder)"
            case .write(let count): "to write \(count) bytes"
            case .flush: "to flush the file to disk"
            case .rename: "to rename the temporary file into place"
            }
            throw FormatError(.unwritable, file: path, expected: expected, found: error.reason)
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
