/// An error reading an HDF5 file: what went wrong, in which file, at which object and byte.
///
/// Every problem with the *contents* of a file (truncation, a bad signature, an address past
/// the end, a checksum mismatch, a cycle, a size that cannot fit, an unsupported version,
/// datatype or filter) is reported as an `HDF5Error`; the reader never traps on bad input and
/// never allocates a buffer whose size comes from the file without checking it first.
///
/// ```
/// train.h5: checksum mismatch at byte 1208 (object /train_set_x): object header stores 0x1a2b3c4d, computed 0x99aa0011
/// ```
public struct HDF5Error: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kind of problem.
    public enum Kind: Sendable, Equatable, CustomStringConvertible {
        /// The file could not be opened or read by the operating system.
        case cannotOpen
        /// The path names a folder, or a file whose first bytes say it is another format
        /// (`FileSignature`); `found` says which ("a folder", "a PNG image").
        case notHDF5
        /// A structure runs past the end of the file.
        case truncated
        /// A structure does not start with its signature (`OHDR`, `TREE`, `HEAP`...).
        case badSignature
        /// An address points outside the file.
        case addressOutOfRange
        /// A stored checksum (Jenkins lookup3 or Fletcher-32) differs from the computed one.
        case checksumMismatch
        /// A structure refers back to itself (B-tree nodes, continuation blocks, soft links).
        case cycle
        /// A size or count cannot fit the file, or exceeds a documented cap of the reader.
        case sizeTooLarge
        /// Reading the data needs more memory than the `MemoryBudget` in force allows.
        case overMemoryBudget
        /// A structure has a version this reader does not know.
        case unsupportedVersion(structure: String, version: Int)
        /// A valid HDF5 feature this reader does not implement (named, for example `"compound datatype"`).
        case unsupportedFeature(String)
        /// The bytes are inconsistent in a way not covered by the kinds above.
        case malformed
        /// A compressed chunk could not be decompressed.
        case decompressionFailed
        /// No object, link or attribute has the given name or path.
        case notFound
        /// The object exists but has another kind (a group where a dataset was asked for, or
        /// data that cannot be converted to the requested element type).
        case typeMismatch

        /// The kind in words: `checksum mismatch`, `unsupported superblock version 4`.
        public var description: String {
            switch self {
            case .cannotOpen: return "cannot open"
            case .notHDF5: return "not an HDF5 file"
            case .truncated: return "truncated"
            case .badSignature: return "bad signature"
            case .addressOutOfRange: return "address out of range"
            case .checksumMismatch: return "checksum mismatch"
            case .cycle: return "cycle"
            case .sizeTooLarge: return "size too large"
            case .overMemoryBudget: return "over the memory budget"
            case .unsupportedVersion(let structure, let version): return "unsupported \(structure) version \(version)"
            case .unsupportedFeature(let name): return "unsupported \(name)"
            case .malformed: return "malformed"
            case .decompressionFailed: return "decompression failed"
            case .notFound: return "not found"
            case .typeMismatch: return "type mismatch"
            }
        }
    }

    /// The kind of problem.
    public var kind: Kind
    /// The file's path as given to ``HDF5File/init(path:)``.
    public var file: String
    /// The path of the object being read inside the file (`"/train_set_x"`), when known.
    public var objectPath: String?
    /// The absolute byte offset in the file where the problem was found, when known.
    public var offset: UInt64?
    /// What was expected and what was found, in words.
    public var found: String

    /// Creates an error; usually thrown by the reader, public for tests and wrappers.
    public init(_ kind: Kind, file: String, objectPath: String? = nil, offset: UInt64? = nil, found: String) {
        self.kind = kind
        self.file = file
        self.objectPath = objectPath
        self.offset = offset
        self.found = found
    }

    /// `file: kind at byte N (object /path): found`; for ``Kind/notHDF5``,
    /// `file: this is a PNG image, not an HDF5 file`.
    public var description: String {
        if kind == .notHDF5 { return "\(file): this is \(found), not an HDF5 file" }
        var text = "\(file): \(kind)"
        if let offset { text += " at byte \(offset)" }
        if let objectPath { text += " (object \(objectPath))" }
        return text + ": " + found
    }

    /// The same error with `objectPath` filled in when it was not known where it was thrown.
    func at(object path: String) -> HDF5Error {
        var copy = self
        if copy.objectPath == nil { copy.objectPath = path }
        return copy
    }
}
