import BackpropIO
import Foundation

/// The check of a file a command will write, made before the command does any work (reads
/// data, trains, evaluates), so that no run ends, after minutes or hours, in a path that
/// cannot become a file. Every command that writes files calls it for each output: `train`
/// (``TrainingSession``: model, plots, log, checkpoint), `predict --csv`, `evaluate --csv
/// --boundary --mislabeled`, `export --to`, `convert OUT`, `plot --to`.
///
/// FIFOs, devices and sockets are refused for every argument by the tool itself.
public enum OutputPaths {
    /// Refuses `path` (given as `option`; "" for a positional argument) when it cannot become
    /// a file:
    ///
    /// | problem | category |
    /// |---|---|
    /// | an existing folder (`--save .`), or a path ending with `/` | bad input |
    /// | an extension other than `extensions` (when given) | bad input |
    /// | a folder that does not exist | bad input |
    /// | a folder in which no file can be created (probed with a file of our own) | I/O |
    ///
    /// A nil `path` (the output was not asked for) passes.
    ///
    /// - Parameters:
    ///   - option: the option that names the path, for messages (`--save`).
    ///   - path: the output path, or nil.
    ///   - extensions: the lower-case extensions allowed (`["svg", "png"]`); empty: any.
    ///   - example: a file name for the hints (`cost.svg`); nil: `out` with the first extension.
    /// - Throws: ``BackpropError`` as in the table, naming the option and the path.
    public static func check(_ option: String, _ path: String?, extensions: [String] = [], example: String? = nil) throws(BackpropError) {
        guard let path else { return }
        let named = option.isEmpty ? path : "\(option) \(path)"
        let example = example ?? "out" + (extensions.first.map { "." + $0 } ?? "")
        if FileKind(path: path) == .directory || path.hasSuffix("/") {
            throw BackpropError(.badInput, "\(named): this is a folder, not a file name",
                                hint: "give the name of a file to write, for example \(option.isEmpty ? "" : option + " ")\(joinPath(path, example))")
        }
        if !extensions.isEmpty && !extensions.contains(fileExtension(path)) {
            let kinds = extensions.map { ".\($0)" }.joined(separator: " or ")
            throw BackpropError(.badInput, "\(named): expected a \(kinds) file name",
                                hint: "for example \(option.isEmpty ? "" : option + " ")\(example)")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileKind(path: folder) == .directory else {
            throw BackpropError(.badInput, "\(named): the folder \(folder) does not exist", hint: "create it first or choose another path")
        }
        if let reason = probe(folder) {
            throw BackpropError(.io, "\(named): cannot create files in \(folder) (\(reason))",
                                hint: "check that the folder is writable and the disk is not full")
        }
    }

    /// Creates and removes a file of our own in `folder`; nil when that works, else the
    /// system's reason (as ``BackpropIO/AtomicFile`` would report it).
    private static func probe(_ folder: String) -> String? {
        let probe = joinPath(folder, ".backprop-write-check-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { return AtomicFile.reason(errno, step: .create(folder: folder), folder: folder) }
        close(descriptor)
        unlink(probe)
        return nil
    }
}
