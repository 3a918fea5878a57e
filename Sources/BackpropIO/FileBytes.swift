#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole regular file with the system calls, so that a failure carries the system's
/// reason (`strerror`: "Permission denied", "Is a directory") rather than Foundation's
/// `NSCocoaErrorDomain` text, and so that nothing but a regular file is ever read (checked on
/// the open descriptor too, after the path check of ``FileKind``).
package enum FileBytes {
    /// A refused read: the system's reason, or what the path names instead of a regular file.
    package struct Failure: Error, Sendable, Equatable {
        /// "Permission denied", "a FIFO, not a regular file", ….
        package var reason: String
    }

    /// The bytes of the regular file at `path`.
    ///
    /// - Throws: ``Failure`` with the reason.
    package static func read(_ path: String) throws(Failure) -> [UInt8] {
        if let kind = FileKind.special(at: path) { throw Failure(reason: "\(kind), not a regular file") }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        let mode = UInt32(info.st_mode) & 0o170000
        if mode == 0o040000 { throw Failure(reason: String(cString: strerror(EISDIR))) }
        guard mode == 0o100000 else { throw Failure(reason: "not a regular file") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { posixRead(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(reason: String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
}

/// `read(2)`, named so the call is not taken for ``FileBytes/read(_:)``.
private func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
