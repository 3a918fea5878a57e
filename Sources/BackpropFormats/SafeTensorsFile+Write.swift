#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension SafeTensorsFile {
    /// The file's bytes: the header length, the JSON header (tensors in ``tensors`` order with
    /// contiguous offsets, `__metadata__` first with keys sorted, padded with spaces so the data
    /// buffer starts on an 8-byte boundary, as the Python writer does) and the data.
    public func encoded() -> [UInt8] {
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { SafeTensorsJSON.quote($0) + ":" + SafeTensorsJSON.quote(metadata[$0]!) }
            entries.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for tensor in tensors {
            let end = offset + tensor.data.count
            entries.append(
                SafeTensorsJSON.quote(tensor.name) + ":{\"dtype\":\"\(tensor.dtype.rawValue)\",\"shape\":["
                    + tensor.shape.map(String.init).joined(separator: ",") + "],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        while (8 + header.count) % 8 != 0 { header.append(0x20) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header)
        for tensor in tensors { bytes.append(contentsOf: tensor.data) }
        return bytes
    }

    /// Writes the file to `path` atomically: the bytes go to a temporary file in the same folder,
    /// are flushed to disk (`fsync`), and the temporary file is renamed over `path`, so a reader
    /// (or a crash) sees either the previous file or the complete new one, never a half-written one.
    ///
    /// - Throws: ``FormatError`` (`.unreadable`, naming `path`) when the folder is not writable
    ///   or a write fails; the temporary file is removed.
    public func write(to path: String) throws(FormatError) {
        try Self.writeAtomically(encoded(), to: path)
    }

    /// The atomic write behind ``write(to:)``: temporary file, `fsync`, `rename`, `fsync` of the
    /// folder. Afterwards, temporary files that earlier writes to the same `path` left behind
    /// (`.NAME.PID.N.tmp`, from a process killed while saving) are removed when their process
    /// no longer exists; a live writer's temporary file is left alone.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(FormatError) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = (folder == "/" ? "/" : folder + "/") + ".\(base).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        func failure(_ what: String) -> FormatError {
            FormatError(.unreadable, file: path, expected: what, found: String(cString: strerror(errno)))
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
        for name in stale { unlink((folder == "/" ? "/" : folder + "/") + name) }
    }
}

/// `write(2)`, named so the call is not taken for ``SafeTensorsFile/write(to:)``.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
