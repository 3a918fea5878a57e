#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
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

    /// Writes `bytes` to `path`, replacing any file there atomically, for every writer of this
    /// module (models, checkpoints, .npy, .npz, CSV): the bytes go to a temporary file in the same
    /// folder, are flushed (`fsync`), and the temporary file is renamed over `path`, then the folder
    /// is flushed, so an interrupted write leaves the previous file intact. Afterwards, temporary
    /// files that earlier writes to the same `path` left behind (`.NAME.PID.N.tmp`, from a process
    /// killed while saving) are removed when their process no longer exists; a live writer's
    /// temporary file is left alone.
    ///
    /// - Throws: ``FormatError`` (`.unwritable`, naming `path` and the system's reason); the
    ///   temporary file is removed.
    static func write(_ bytes: [UInt8], to path: String) throws(FormatError) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = join(folder, ".\(base).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        func failure(_ what: String) -> FormatError {
            FormatError(.unwritable, file: path, expected: what, found: String(cString: strerror(errno)))
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw failure("a writable folder \(folder)") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                posixWrite(descriptor, buffer.baseAddress! + written, bytes.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                let error = failure("to write \(bytes.count) bytes")
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += count
        }
        if fsync(descriptor) != 0 {
            let error = failure("to flush the file to disk")
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        if rename(temporary, path) != 0 {
            let error = failure("to rename the temporary file into place")
            unlink(temporary)
            throw error
        }
        let folderDescriptor = open(folder, O_RDONLY)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            close(folderDescriptor)
        }
        removeStaleTemporaries(of: base, in: folder)
    }

    /// Removes `.base.PID.N.tmp` files in `folder` whose writer process `PID` has exited.
    static func removeStaleTemporaries(of base: String, in folder: String) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        let prefix = "." + base + "."
        var stale: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasPrefix(prefix), name.hasSuffix(".tmp") else { continue }
            let middle = name.dropFirst(prefix.count).dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
            guard middle.count == 2, let pid = Int32(middle[0]), pid > 0, UInt32(middle[1]) != nil else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { stale.append(name) }
        }
        for name in stale { unlink(join(folder, name)) }
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

/// `write(2)`, named so the call is not taken for ``FileAccess/write(_:to:)``.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
