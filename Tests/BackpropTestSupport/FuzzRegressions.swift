import Foundation
import Testing

/// The inputs kept under `Fuzz/Regressions/<target>/` (see Fuzz/README.md) and their replay,
/// shared by every test target's `FuzzRegressionTests`.
///
/// An input's name may say what it must do: `parses-…` must be read without an error,
/// `throws-…` must be refused with the reader's typed error; any other name (the fuzzer's
/// `crash-…`, `timeout-…`, `oom-…`) may do either, as long as it does not trap or hang.
public enum FuzzRegressions {
    /// `Fuzz/Regressions/`.
    public static let root = packageRoot.appendingPathComponent("Fuzz/Regressions")

    /// Why a folder has nothing to replay: a replay over nothing would pass without testing.
    public enum FolderError: Error, Equatable, CustomStringConvertible {
        case missing(String)
        case empty(String)

        public var description: String {
            switch self {
            case .missing(let folder): "\(folder) does not exist: no regression inputs to replay"
            case .empty(let folder): "\(folder) holds no regression inputs (dotfiles do not count): add at least one"
            }
        }
    }

    /// What an input's name says it must do.
    public enum Outcome: Sendable {
        case parses, `throws`, either

        public init(name: String) {
            self = name.hasPrefix("parses-") ? .parses : name.hasPrefix("throws-") ? .throws : .either
        }
    }

    /// One kept input.
    public struct Input: Sendable {
        public var name: String
        public var path: String
        public var bytes: [UInt8]
        public var expected: Outcome { Outcome(name: name) }
    }

    /// The files of `folder` (default `Fuzz/Regressions/<target>/`) in name order, dotfiles
    /// left out.
    ///
    /// - Throws: ``FolderError`` when the folder is missing or holds no input.
    public static func inputs(_ target: String, folder: URL? = nil) throws -> [Input] {
        let folder = folder ?? root.appendingPathComponent(target)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FolderError.missing(folder.path)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        guard !names.isEmpty else { throw FolderError.empty(folder.path) }
        return try names.map { name in
            let url = folder.appendingPathComponent(name)
            return Input(name: name, path: url.path, bytes: [UInt8](try Data(contentsOf: url)))
        }
    }

    /// Runs `read` on every input of `target` (or of `folder`), expects the outcome its name
    /// says, and hands each error thrown to `checkError` (which expects what the reader's
    /// typed error must say: the file it names, an offset inside the input).
    ///
    /// - Returns: The number of inputs replayed.
    /// - Throws: ``FolderError`` when there is nothing to replay.
    @discardableResult
    public static func replay<Failure: Error>(
        _ target: String, folder: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation,
        _ read: (Input) throws(Failure) -> Void, checkError: (Input, Failure) -> Void
    ) throws -> Int {
        let inputs = try inputs(target, folder: folder)
        for input in inputs {
            do {
                try read(input)
                if input.expected == .throws {
                    Issue.record("\(target)/\(input.name) was read; its name says it must be refused", sourceLocation: sourceLocation)
                }
            } catch {
                if input.expected == .parses {
                    Issue.record("\(target)/\(input.name) was refused; its name says it must be read: \(error)", sourceLocation: sourceLocation)
                }
                checkError(input, error)
            }
        }
        return inputs.count
    }
}
