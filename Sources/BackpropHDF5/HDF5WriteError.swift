import BackpropIO

/// An error building or writing an HDF5 file with ``HDF5Writer``: a name or path that cannot
/// be used, a storage choice that does not fit the data, something over a format limit, or a
/// file the system refused.
///
/// ```
/// /images/x: already exists (a dataset)
/// ```
public struct HDF5WriteError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kind of problem.
    public enum Kind: Sendable, Equatable, CustomStringConvertible {
        /// A path component is empty, `.` or `..`, or an attribute name is empty.
        case invalidName
        /// An object or attribute of that name exists already.
        case exists
        /// A path leads through a dataset, or an attribute is set on a missing object.
        case notFound
        /// A chunk shape or deflate level that does not fit the dataset.
        case invalidStorage
        /// A structure over a limit of the format as written (an attribute over 64 KiB, more than
        /// 65 535 links or attributes on one object).
        case tooLarge
        /// The file could not be written (`found` holds the system's reason).
        case unwritable

        /// The kind in words.
        public var description: String {
            switch self {
            case .invalidName: return "invalid name"
            case .exists: return "already exists"
            case .notFound: return "not found"
            case .invalidStorage: return "invalid storage"
            case .tooLarge: return "too large"
            case .unwritable: return "cannot write"
            }
        }
    }

    /// The kind of problem.
    public var kind: Kind
    /// The object path (or, for ``Kind/unwritable``, the file path) the problem concerns.
    public var path: String
    /// What was found, in words.
    public var found: String

    /// Creates an error.
    public init(_ kind: Kind, path: String, found: String) {
        self.kind = kind
        self.path = path
        self.found = found
    }

    /// `path: kind (found)`.
    public var description: String { "\(path): \(kind) (\(found))" }

    /// The error of a refused ``AtomicFile/write(_:to:)``.
    init(_ failure: AtomicFile.Failure) {
        let step = switch failure.step {
        case .create(let folder): "creating a file in \(folder)"
        case .write(let count): "writing \(count) bytes"
        case .flush: "flushing the file to disk"
        case .rename: "renaming the temporary file into place"
        }
        self.init(.unwritable, path: failure.path, found: "\(step): \(failure.reason)")
    }
}
