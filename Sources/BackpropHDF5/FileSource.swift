import BackpropIO

/// Ranged reads from an open file (`pread`), so that reading one dataset touches only the bytes
/// of that dataset and of the metadata leading to it, never the whole file; or from bytes
/// already in memory (``HDF5File/init(bytes:name:)``).
///
/// Every read is checked against the file's size before a buffer is allocated.
final class FileSource: Sendable {
    /// Where the bytes come from.
    private enum Storage {
        case file(PositionedFile)
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
        do {
            let file = try PositionedFile(path: path)
            self.storage = .file(file)
            self.size = file.size
        } catch {
            throw HDF5Error(.cannotOpen, file: path, found: "open failed: \(error.reason)")
        }
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
        switch storage {
        case .memory(let bytes):
            return Array(bytes[Int(offset) ..< Int(offset) + count])
        case .file(let file):
            do {
                return try file.read(at: offset, count: count)
            } catch {
                throw HDF5Error(.cannotOpen, file: path, offset: offset,
                                found: error.isShort ? "file shrank while reading \(what())" : "read failed: \(error.reason)")
            }
        }
    }
}
