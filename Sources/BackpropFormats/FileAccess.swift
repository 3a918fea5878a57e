import BackpropIO

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// File-system access for the readers and writers, turning failures into ``FormatError``.
enum FileAccess {
    /// The whole content of the file at `path`.
    static func read(_ path: String) throws(FormatError) -> [UInt8] {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return [UInt8](data)
        } catch {
            throw FormatError(.unreadable, file: path, expected: "a readable file", found: "\(error)")
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
