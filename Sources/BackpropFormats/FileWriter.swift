import BackpropIO

/// A file written in pieces and made visible whole at the end (`BackpropIO`'s atomic writer):
/// outputs larger than memory, such as the predictions of a streamed data file or a dataset
/// converted a block at a time. Dropped without ``commit()``, it leaves nothing at its path
/// (and any file there as it was).
public final class FileWriter {
    private let file: AtomicFile.Writer

    /// Starts the file `path`.
    ///
    /// - Throws: ``FormatError`` (`.unwritable`) when its folder takes no new file.
    public init(path: String) throws(FormatError) {
        do { file = try AtomicFile.Writer(path: path) } catch { throw FormatError(error) }
    }

    /// The bytes written so far.
    public var count: Int { file.count }

    /// Appends `bytes`.
    ///
    /// - Throws: ``FormatError`` (`.unwritable`); the file is abandoned.
    public func append(_ bytes: [UInt8]) throws(FormatError) {
        do { try file.append(bytes) } catch { throw FormatError(error) }
    }

    /// Appends one CSV row (``CSVFile/encode(header:rows:delimiter:)``'s quoting).
    ///
    /// - Throws: as ``append(_:)``.
    public func append(row: [String], delimiter: Character = ",") throws(FormatError) {
        try append(Array(CSVFile.encode(rows: [row], delimiter: delimiter).utf8))
    }

    /// Flushes the file and puts it in place.
    ///
    /// - Throws: ``FormatError`` (`.unwritable`).
    public func commit() throws(FormatError) {
        do { try file.commit() } catch { throw FormatError(error) }
    }
}

extension FormatError {
    /// A refused atomic write, naming the step.
    init(_ error: AtomicFile.Failure) {
        let expected = switch error.step {
        case .create(let folder): "a writable folder \(folder)"
        case .write(let count): "to write \(count) bytes"
        case .flush: "to flush the file to disk"
        case .rename: "to rename the temporary file into place"
        }
        self.init(.unwritable, file: error.path, expected: expected, found: error.reason)
    }
}
