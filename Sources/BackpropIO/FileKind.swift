#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names, read with `stat(2)` (which never opens the file, so it never blocks on a
/// FIFO or a device): every reader and writer refuses a path that names something other than a
/// regular file or a folder before opening it (a FIFO would block `open` forever, `/dev/zero`
/// never ends, `/dev/null` would be renamed over).
package enum FileKind: Sendable, Equatable {
    /// A regular file.
    case regular
    /// A folder.
    case directory
    /// Anything else: a FIFO, a device, a socket; `name` says which ("a FIFO").
    case special(name: String)

    /// The kind of what `path` names (symbolic links followed), nil when nothing is there or
    /// it cannot be examined.
    package init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch UInt32(info.st_mode) & 0o170000 {
        case 0o100000: self = .regular
        case 0o040000: self = .directory
        case 0o010000: self = .special(name: "a FIFO")
        case 0o020000: self = .special(name: "a character device")
        case 0o060000: self = .special(name: "a block device")
        case 0o140000: self = .special(name: "a socket")
        default: self = .special(name: "not a file")
        }
    }

    /// "a FIFO" when `path` names something other than a regular file or a folder; nil when it
    /// names one of those or nothing.
    package static func special(at path: String) -> String? {
        if case .special(let name)? = FileKind(path: path) { return name }
        return nil
    }
}
