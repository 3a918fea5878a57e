import BackpropIO

/// Errors from writing plots and images to files.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The output path's extension names no format this module writes (`.svg` or `.png`).
    case unsupportedExtension(path: String, found: String)
    /// The file (or its temporary sibling) could not be written or moved into place.
    case writeFailed(path: String, reason: String)

    /// A one-line message naming the file, what was expected and what was found.
    public var description: String {
        switch self {
        case let .unsupportedExtension(path, found):
            let shown = found.isEmpty ? "no extension" : "'.\(found)'"
            return "\(path): cannot choose a plot format: expected a .svg or .png extension, found \(shown)"
        case let .writeFailed(path, reason):
            return "\(path): could not write the file: \(reason)"
        }
    }
}

extension PlotError {
    /// ``writeFailed(path:reason:)`` for a refused atomic write, naming the step and the system's reason.
    init(_ failure: AtomicFile.Failure) {
        let reason = switch failure.step {
        case .create(let folder): "cannot create a temporary file in \(folder): \(failure.reason)"
        case .write(let count): "cannot write \(count) bytes: \(failure.reason)"
        case .flush: "cannot flush the file to disk: \(failure.reason)"
        case .rename: "cannot rename the temporary file into place: \(failure.reason)"
        }
        self = .writeFailed(path: failure.path, reason: reason)
    }

    /// Writes `bytes` to `path` with ``AtomicFile/write(_:to:)`` (temporary file, `fsync`, rename).
    ///
    /// - Throws: ``writeFailed(path:reason:)`` when the file cannot be written.
    static func write(_ bytes: [UInt8], to path: String) throws(PlotError) {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw PlotError(error)
        }
    }
}
