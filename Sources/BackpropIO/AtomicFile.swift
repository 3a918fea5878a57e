#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader sees either the old file or the complete new one, never half,
/// and so that the new one survives a crash: for every writer of the package (models,
/// checkpoints, .npy, .npz, CSV, safetensors, plots).
package enum AtomicFile {
    /// The step of ``write(_:to:)`` that the file system refused.
    package enum Step: Sendable, Equatable {
        /// Creating the temporary file in `folder`.
        case create(folder: String)
        /// Writing the `count` bytes.
        case write(count: Int)
        /// Flushing the temporary file to disk (`fsync`).
        case flush
        /// Renaming the temporary file over the destination.
        case rename
    }

    /// A refused write: the destination, the step and the system's reason (`strerror`).
    package struct Failure: Error, Sendable, Equatable {
        /// The destination path.
        package var path: String
        /// The step that failed.
        package var step: Step
        /// The system's reason, e.g. "Permission denied".
        package var reason: String
    }

    /// Writes `bytes` to `path`, replacing any file there atomically: the bytes go to a temporary
    /// file `.NAME.PID.N.tmp` in the same folder, are flushed (`fsync`), and the temporary file is
    /// renamed over `path`, then the folder is flushed, so an interrupted write leaves the
    /// previous file intact. Afterwards, temporary files that earlier writes to the same `path`
    /// left behind (from a process killed while saving) are removed when their process no longer
    /// exists; a live writer's temporary file is left alone.
    ///
    /// - Throws: ``Failure`` naming `path`, the step and the system's reason; the temporary file
    ///   is removed.
    package static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let writer = try Writer(path: path)
        try writer.append(bytes)
        try writer.commit()
    }

    /// A file written in pieces and made visible at once (``commit()``), for outputs larger
    /// than memory (streamed predictions, a dataset converted a block at a time): the same
    /// temporary file, flush and rename as ``write(_:to:)``. A writer dropped without
    /// ``commit()`` removes its temporary file, leaving any previous file at `path` intact.
    package final class Writer {
        /// The destination.
        package let path: String
        private let folder: String, base: String, temporary: String
        private var descriptor: Int32
        /// Bytes appended so far.
        package private(set) var count = 0

        /// Creates the temporary file beside `path`.
        ///
        /// - Throws: ``Failure`` (`.create`, or `.rename` when `path` is a FIFO or device).
        package init(path: String) throws(Failure) {
            let slash = path.lastIndex(of: "/")
            folder = slash.map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
            base = slash.map { String(path[path.index(after: $0)...]) } ?? path
            temporary = joinPath(folder, ".\(base).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
            self.path = path
            if let kind = FileKind.special(at: path) {
                throw Failure(path: path, step: .rename, reason: "it is \(kind), not a regular file")
            }
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard descriptor >= 0 else { throw Failure(path: path, step: .create(folder: folder), reason: reason(errno, step: .create(folder: folder), folder: folder)) }
        }

        deinit { abandon() }

        /// Appends `bytes` to the temporary file.
        ///
        /// - Throws: ``Failure`` (`.write`); the temporary file is removed.
        package func append(_ bytes: [UInt8]) throws(Failure) {
            var written = 0
            while written < bytes.count {
                let result = bytes.withUnsafeBytes { buffer in posixWrite(descriptor, buffer.baseAddress! + written, bytes.count - written) }
                if result < 0 {
                    if errno == EINTR { continue }
                    throw fail(.write(count: bytes.count))
                }
                written += result
            }
            count += bytes.count
        }

        /// Flushes the temporary file and renames it over ``path``, then flushes the folder and
        /// removes stale temporary files of earlier writers.
        ///
        /// - Throws: ``Failure`` (`.flush`, `.rename`); the temporary file is removed.
        package func commit() throws(Failure) {
            guard descriptor >= 0 else { return }
            if fsync(descriptor) != 0 { throw fail(.flush) }
            close(descriptor)
            descriptor = -1
            if rename(temporary, path) != 0 {
                let error = Failure(path: path, step: .rename, reason: AtomicFile.reason(errno, step: .rename, folder: folder))
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

        /// Removes the temporary file (nothing is written to ``path``).
        package func abandon() {
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
            unlink(temporary)
        }

        /// The failure of `step` with the system's reason; the temporary file is removed.
        private func fail(_ step: Step) -> Failure {
            let error = Failure(path: path, step: step, reason: AtomicFile.reason(errno, step: step, folder: folder))
            abandon()
            return error
        }
    }

    /// The system's reason for `code`, said plainly where `strerror` misleads: creating a file in
    /// a folder that exists but takes no new files (`/proc`, `/sys`) fails with ENOENT, "No such
    /// file or directory".
    package static func reason(_ code: Int32, step: Step, folder: String) -> String {
        if case .create = step, code == ENOENT, FileKind(path: folder) == .directory {
            return "a folder that takes no new files (a system folder such as /proc)"
        }
        return String(cString: strerror(code))
    }

    /// UTF-8 text, with the guarantees of ``write(_:to:)``.
    package static func write(_ text: String, to path: String) throws(Failure) {
        try write(Array(text.utf8), to: path)
    }

    /// Removes `.base.PID.N.tmp` files in `folder` whose writer process `PID` has exited.
    package static func removeStaleTemporaries(of base: String, in folder: String) {
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
        for name in stale { unlink(joinPath(folder, name)) }
    }
}

/// Joins a directory and a name with one `/`.
package func joinPath(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
}

/// `write(2)`, named so the call is not taken for ``AtomicFile/write(_:to:)``.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
