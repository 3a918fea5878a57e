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
