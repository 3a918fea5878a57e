#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An open regular file read at given offsets (`pread`), so that reading part of a file touches
/// only those bytes: the HDF5 reader's datasets, the windows of a streamed data set. Reads from
/// several threads at once are safe (`pread` does not move a shared position).
package final class PositionedFile: Sendable {
    /// A failed open or read, in the system's words ("Permission denied"), or a file that
    /// ended before the bytes asked for.
    package struct Failure: Error, Sendable, Equatable {
        /// The system's reason, or "the file ended at byte N".
        package var reason: String
        /// Whether the file was shorter than the read (truncated data, not a system failure).
        package var isShort: Bool
    }

    /// The path, as given.
    package let path: String
    /// The file's size in bytes when it was opened.
    package let size: UInt64
    private let descriptor: Int32

    /// Opens the regular file at `path`.
    ///
    /// - Throws: ``Failure`` for a folder, a FIFO or device (``FileKind``), or a failed open.
    package init(path: String) throws(Failure) {
        if let kind = FileKind.special(at: path) { throw Failure(reason: "\(kind), not a regular file", isShort: false) }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(reason: String(cString: strerror(errno)), isShort: false) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size >= 0 else {
            close(fd)
            throw Failure(reason: "cannot read the file size", isShort: false)
        }
        guard UInt32(info.st_mode) & 0o170000 != 0o040000 else {
            close(fd)
            throw Failure(reason: String(cString: strerror(EISDIR)), isShort: false)
        }
        self.path = path
        self.descriptor = fd
        self.size = UInt64(info.st_size)
    }

    deinit { close(descriptor) }

    /// Fills `buffer` with the bytes at `offset`.
    ///
    /// - Throws: ``Failure`` when the system read fails, or (`isShort`) when the file ends first.
    package func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(Failure) {
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if got < 0 && errno == EINTR { continue }
            if got < 0 { throw Failure(reason: String(cString: strerror(errno)), isShort: false) }
            if got == 0 { throw Failure(reason: "the file ended at byte \(offset + UInt64(done))", isShort: true) }
            done += got
        }
    }

    /// Fills the array `bytes` (all of it) with the bytes at `offset`.
    ///
    /// - Throws: as ``read(at:into:)``.
    package func read(at offset: UInt64, into bytes: inout [UInt8]) throws(Failure) {
        var failure: Failure?
        bytes.withUnsafeMutableBytes { buffer in
            do throws(Failure) { try read(at: offset, into: buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// The `count` bytes at `offset`.
    ///
    /// - Throws: as ``read(at:into:)``.
    package func read(at offset: UInt64, count: Int) throws(Failure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try read(at: offset, into: &bytes)
        return bytes
    }
}
