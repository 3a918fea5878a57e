import Foundation

/// The one error the `backprop` tool reports: a category (which decides the exit status), a
/// one-line message naming the file or argument, and a hint saying what to do.
///
/// Every error of the library maps into it (``init(_:)``), so the tool catches everything at
/// the top, prints `error: <message>` and, on a second line, `hint: <hint>`, and exits with
/// ``Category/exitCode``. No error reaches the user as a stack trace.
public struct BackpropError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The error taxonomy, each with its own exit status.
    ///
    /// | category | exit | meaning |
    /// |---|---|---|
    /// | ``badInput`` | 1 | a file or argument value is wrong (missing file, corrupt content, unknown name, sizes that do not fit) |
    /// | ``usage`` | 2 | the command line itself is wrong (unknown option, missing argument, conflicting options) |
    /// | ``unsupported`` | 3 | valid input using a feature Backprop does not implement |
    /// | ``io`` | 4 | the operating system could not read or write a file |
    /// | ``divergence`` | 5 | training produced NaN or infinity, or its cost exploded |
    public enum Category: String, Sendable, Equatable, CaseIterable {
        /// A file or argument value is wrong (exit 1).
        case badInput = "bad input"
        /// The command line itself is wrong (exit 2).
        case usage
        /// Valid input using a feature Backprop does not implement (exit 3).
        case unsupported = "unsupported feature"
        /// The operating system could not read or write a file (exit 4).
        case io = "I/O"
        /// Training produced NaN or infinity (exit 5).
        case divergence

        /// The process exit status for this category.
        public var exitCode: Int32 {
            switch self {
            case .badInput: 1
            case .usage: 2
            case .unsupported: 3
            case .io: 4
            case .divergence: 5
            }
        }
    }

    /// Which kind of problem.
    public var category: Category
    /// One line naming the file or argument, what was expected and what was found.
    public var message: String
    /// What to do about it (may be empty).
    public var hint: String
    /// Whether the command was interrupted by SIGINT or SIGTERM (``TrainingSession``): it then
    /// exits with `Interruption.exitStatus` (130) instead of its category's status.
    public var isInterruption = false

    /// The process exit status: ``Category/exitCode``, or 130 for an interruption.
    public var exitCode: Int32 { isInterruption ? Interruption.exitStatus : category.exitCode }

    /// An error with a category, a message and a hint.
    public init(_ category: Category, _ message: String, hint: String = "") {
        self.category = category
        self.message = message
        self.hint = hint
    }

    /// `message` (the hint is separate; see ``hint``).
    public var description: String { message }

    /// Maps any error of the Backprop modules (and of Foundation, in the system's words: see
    /// `unexpected(_:)`) into the taxonomy.
    public init(_ error: any Error) {
        switch error {
        case let error as BackpropError:
            self = error
        case let error as FormatError:
            self = Self.from(error)
        case let error as HDF5Error:
            switch error.kind {
            case .cannotOpen:
                self = Self.missingOrUnreadable(path: error.file, message: error.description)
            case .notHDF5:
                self = Self.wrongKind(file: error.file, expected: "an HDF5 file", found: error.found)
            case .unsupportedFeature, .unsupportedVersion:
                self.init(.unsupported, error.description, hint: "this HDF5 feature is not read by Backprop; re-save the data with h5py defaults")
            case .notFound:
                self.init(.badInput, error.description, hint: "run `backprop inspect \(error.file)` to list its datasets")
            default:
                self.init(.badInput, error.description, hint: "the file is damaged or not an HDF5 file; check it with `backprop inspect \(error.file)`")
            }
        case let error as TrainingError:
            switch error {
            case .invalidInput(let inner):
                self.init(.badInput, inner.description, hint: "fix the option or the data and run again")
            case .nonFinite, .costGrew:
                self.init(.divergence, error.description, hint: "lower --learning-rate (for example by 10×); the last checkpoint, if any, is kept")
            case .input(let failure) where failure.kind == .io:
                self.init(.io, error.description, hint: "check the file and the disk; the last checkpoint, if any, is kept")
            case .input:
                self.init(.badInput, error.description, hint: "the file is damaged or holds a NaN or infinity; the last checkpoint, if any, is kept")
            case .reduction:
                self.init(.io, error.description, hint: "a process of the job stopped or lost its link; the last checkpoint, if any, is kept")
            }
        case let error as MemoryBudgetExceeded:
            self.init(.badInput, error.description, hint: MemoryBudgetExceeded.hint)
        case let error as NetworkError:
            self.init(.badInput, error.description, hint: "fix the option or the data and run again")
        case let error as PlotError:
            switch error {
            case .unsupportedExtension: self.init(.badInput, error.description, hint: "name the plot FILE.svg or FILE.png")
            case .writeFailed: self.init(.io, error.description, hint: "check that the folder exists and is writable")
            }
        default:
            self = Self.unexpected(error)
        }
    }

    static func from(_ error: FormatError) -> BackpropError {
        switch error.reason {
        case .unwritable:
            return unwritable(error)
        case .wrongKind:
            return wrongKind(file: error.file, expected: error.expected, found: error.found)
        case .unreadable:
            return missingOrUnreadable(path: error.file, message: error.description)
        case .unsupported:
            return BackpropError(.unsupported, error.description, hint: "convert the file to a supported form (see `backprop help convert`)")
        case .tooLarge:
            return BackpropError(.badInput, error.description, hint: MemoryBudgetExceeded.hint)
        case .truncated, .invalid, .mismatch:
            return BackpropError(.badInput, error.description, hint: "the file is damaged or is not what its extension says")
        }
    }

    /// A missing file is bad input (exit 1, "check the path"); an existing file the system cannot
    /// read or write is an I/O error (exit 4).
    static func missingOrUnreadable(path: String, message: String) -> BackpropError {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: path) && FileManager.default.fileExists(atPath: folder) {
            return BackpropError(.badInput, "\(path): no such file", hint: "check the path (relative paths start at \(FileManager.default.currentDirectoryPath))")
        }
        if !FileManager.default.fileExists(atPath: folder) {
            return BackpropError(.badInput, "\(path): no such folder \(folder)", hint: "check the path or create the folder")
        }
        return BackpropError(.io, message, hint: "check the file's permissions and the free disk space")
    }
}
