import BackpropIO
import Foundation

extension BackpropError {
    /// A path that names another kind of thing than the command expects, said plainly (bad
    /// input, exit 1): `train_catvnoncat.h5: this is an HDF5 file, not a model`, with a hint
    /// for what that kind is used for.
    ///
    /// - Parameters:
    ///   - file: the path.
    ///   - expected: what the command wanted ("a model", "a CSV file").
    ///   - found: what the path names: "a folder" or a ``BackpropIO/FileSignature/name``.
    static func wrongKind(file: String, expected: String, found: String) -> BackpropError {
        BackpropError(.badInput, "\(file): this is \(found), not \(expected)", hint: wrongKindHint(file: file, found: found))
    }

    /// What to do with a file of the kind `found` (see ``wrongKind(file:expected:found:)``).
    private static func wrongKindHint(file: String, found: String) -> String {
        guard let kind = FileSignature(name: found) else {
            return found == "a folder" ? "give a file inside the folder, not the folder itself" : "check the path"
        }
        switch kind {
        case .hdf5: return "an HDF5 file holds data: give it with --data (`backprop inspect \(file)` lists its datasets)"
        case .safetensors: return "a safetensors file holds a model: give it with --model (`backprop inspect \(file)` describes it)"
        case .npy: return "`backprop inspect \(file)` describes the array; data sets are read from .npz archives of x and y"
        case .zip: return "a zip archive is read only as NumPy's .npz (x and y arrays), named .npz"
        case .gzip: return "decompress it first (gunzip); only MNIST …-ubyte.gz files are read compressed"
        case .png, .jpeg: return "classify an image with `backprop predict --model MODEL \(file)`; train on images as a folder of class sub-folders"
        }
    }

    /// An error that no mapping of ``init(_:)`` knows: a Foundation error (`NSCocoaErrorDomain`,
    /// `NSPOSIXErrorDomain`) is said in the system's words (``systemReason(_:)``), never with
    /// Foundation's description; any other error's own description is kept.
    static func unexpected(_ error: any Error) -> BackpropError {
        guard let reason = systemReason(error) else {
            return BackpropError(.io, "\(error)", hint: "")
        }
        return BackpropError(.io, "the system refused to read or write a file: \(reason)",
                             hint: "check the file's permissions and the free disk space")
    }

    /// The reason of a Foundation error as `strerror` says it ("Is a directory", "Permission
    /// denied"): its own POSIX code, or that of the POSIX error underlying a Cocoa error, else
    /// the Cocoa code in words; nil for an error that is not Foundation's.
    static func systemReason(_ error: any Error) -> String? {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(truncatingIfNeeded: ns.code))) }
        guard ns.domain == NSCocoaErrorDomain else { return nil }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(truncatingIfNeeded: underlying.code)))
        }
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return String(cString: strerror(ENOENT))
        case .fileReadNoPermission, .fileWriteNoPermission: return String(cString: strerror(EACCES))
        case .fileWriteOutOfSpace: return String(cString: strerror(ENOSPC))
        case .fileWriteVolumeReadOnly: return String(cString: strerror(EROFS))
        case .fileWriteFileExists: return String(cString: strerror(EEXIST))
        default: return "file system error \(ns.code)"
        }
    }

    /// A refused write (``FormatError/Reason/unwritable``): to a path that is a folder, bad
    /// input (exit 1: `--save .: this is a folder, not a file name`); into a missing folder, bad
    /// input; into an existing folder that refuses it, I/O (exit 4).
    static func unwritable(_ error: FormatError) -> BackpropError {
        if FileKind(path: error.file) == .directory {
            return BackpropError(.badInput, "\(error.file): this is a folder, not a file name",
                                 hint: "give the name of a file to write, inside the folder or elsewhere")
        }
        let folder = URL(fileURLWithPath: error.file).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder) else { return missingOrUnreadable(path: error.file, message: error.description) }
        return BackpropError(.io, error.description, hint: "check that the folder is writable and the disk is not full")
    }
}
