#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropIO

/// Ranged reads from an open file (`pread`), so that reading one dataset touches only the bytes
/// of that dataset and of the metadata leading to it, never the whole file; or from bytes
/// already in memory (``HDF5File/init(bytes:name:)``).
///
/// Every read is checked against the file's size before a buffer is allocated.
final class FileSource: Sendable {
    /// Where the bytes come from.
    private enum Storage {
        case descriptor(Int32)
        case memory([UInt8])
    }

    /// The path as given by the caller, or the name given to bytes in memory (used in error
    /// messages).
    let path: String
    /// The size of the file in bytes when it was opened.
    let size: UInt64
    private let storage: Storage

    /// A source over `bytes` (copy-on-write: nothing is copied), named `name` in errors.
    init(bytes: [UInt8], name: String) {
        path = name
        size = UInt64(bytes.count)
        storage = .memory(bytes)
    }

    /// Opens the file at `path`.
    ///
    /// - Throws: `.notHDF5` for a folder (which `open` accepts), `.cannotOpen` with the
    ///   system's reason.
    init(path: String) throws(HDF5Error) {
        self.path = path
        if FileKind(path: path) == .directory { throw HDF5Error(.notHDF5, file: path, found: "a folder") }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw HDF5Error(.cannotOpen, file: path, found: "open failed: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size >= 0 else {
            close(fd)
            throw HDF5Error(.cannotOpen, file: path, found: "cannot read the file size")
        }
        self.storage = .descriptor(fd)
        self.size = UInt64(info.st_size)
    }

    deinit {
        if case .descriptor(let descriptor) = storage { close(descriptor) }
    }

    /// The `count` bytes at absolute offset `offset`.
    ///
    /// - Throws: `.truncated` when the range runs past the end of the file (`what` names the
    ///   structure being read), `.cannotOpen` when the system read fails.
    func read(at offset: UInt64, count: Int, what: @autoclosure () -> String) throws(HDF5Error) -> [UInt8] {
        guard count >= 0, offset <= size, UInt64(count) <= size - offset else {
            throw HDF5Error(
                .truncated, file: path, offset: offset,
                found: "\(what()) needs \(count) bytes but the file has \(offset <= size ? size - offset : 0) left (file size \(size))")
        }
        if count == 0 { return [] }
        let descriptor: Int32
        switch storage {
        case .memory(let bytes):
            return Array(bytes[Int(offset) ..< Int(offset) + count])
        case .descriptor(let fd):
            descriptor = fd
        }
        var failure: Int32 = 0
        let buffer = [UInt8](unsafeUninitializedCapacity: count) { storage, initialized in
            var done = 0
            while done < count {
                let got = pread(descriptor, storage.baseAddress! + done, count - done, off_t(offset) + off_t(done))
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { failure = got < 0 ? errno : -1; break }
                done += got
            }
            initialized = done == count ? count : 0
            if done != count { initialized = 0 }
        }
        if buffer.count != count {
            throw HDF5Error(.cannotOpen, file: path, offset: offset,
                            found: failure > 0 ? "read failed: \(String(cString: strerror(failure)))" : "file shrank while reading \(what())")
        }
        return buffer
    }
}
