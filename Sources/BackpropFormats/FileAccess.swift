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

    /// Writes `bytes` to `path`, replacing any file there atomically (temporary file, fsync,
    /// rename; see ``SafeTensorsFile/write(to:)``), so an interrupted export leaves the previous
    /// file intact.
    ///
    /// - Throws: ``FormatError`` (`.unreadable`, naming `path` and the system's reason).
    static func write(_ bytes: [UInt8], to path: String) throws(FormatError) {
        try SafeTensorsFile.writeAtomically(bytes, to: path)
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
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
