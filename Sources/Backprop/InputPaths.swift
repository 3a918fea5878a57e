import BackpropIO

/// The check of a file a command will read, made before the command does any work, so that a
/// missing file is reported as missing (not as what it would have been: "the model's input is 4
/// features, not an image") and a folder as a folder.
///
/// What a file holds is checked by its reader, from its first bytes
/// (`FileSignature`).
public enum InputPaths {
    /// Refuses `path` when nothing is there (`missing.jpg: no such file`, or its folder is
    /// missing) or, with `folders` false, when it is a folder (`.: this is a folder, not a
    /// training log`).
    ///
    /// - Parameters:
    ///   - path: the input path.
    ///   - expected: what the command reads from it, for messages ("a training log").
    ///   - folders: whether a folder is a valid input (an image folder of data).
    /// - Throws: ``BackpropError`` `.badInput`; `.io` when the path cannot be examined.
    public static func check(_ path: String, expecting expected: String, folders: Bool = false) throws(BackpropError) {
        switch FileKind(path: path) {
        case nil:
            throw BackpropError.missingOrUnreadable(path: path, message: "\(path): cannot be examined")
        case .directory? where !folders:
            throw BackpropError.wrongKind(file: path, expected: expected, found: "a folder")
        default:
            return
        }
    }
}
