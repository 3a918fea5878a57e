import Backprop
import BackpropIO
import Foundation

/// Checks of the raw command line that the argument parser cannot make, run before any file is
/// opened.
enum ArgumentChecks {
    /// Refuses an argument that is not valid UTF-8. Swift's `CommandLine.arguments` repairs such
    /// bytes with U+FFFD, so a file name in another encoding would name another file: reading
    /// would say "no such file" about a file that exists, and `--save` would write a file of
    /// another name. The raw bytes come from `CommandLine.unsafeArgv`.
    ///
    /// - Throws: ``BackpropError`` `.badInput`: `argument N is not valid UTF-8`, showing the
    ///   bytes as repaired.
    static func checkEncoding() throws(BackpropError) {
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
            if String(validating: bytes, as: UTF8.self) == nil {
                throw BackpropError(.badInput, "argument \(index) (\(String(decoding: bytes, as: UTF8.self))) is not valid UTF-8; rename the file",
                                    hint: "Backprop reads and writes only UTF-8 file names, so that it never opens a file of another name")
            }
        }
    }

    /// Refuses an argument that names a FIFO, a device or a socket (a folder or a regular file
    /// is fine), before anything opens it: reading a FIFO blocks forever, `/dev/zero` never
    /// ends, and a save would replace the device.
    ///
    /// - Throws: ``BackpropError`` `.badInput`: `--data /tmp/pipe: not a regular file (a FIFO)`.
    static func checkFileKinds(_ arguments: [String]) throws(BackpropError) {
        for (index, argument) in arguments.enumerated() {
            var option = index > 0 && arguments[index - 1].hasPrefix("-") ? arguments[index - 1] + " " : ""
            var path = argument
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                option = String(argument[..<equals]) + " "
                path = String(argument[argument.index(after: equals)...])
            }
            guard !path.isEmpty, let kind = FileKind.special(at: path) else { continue }
            throw BackpropError(.badInput, "\(option)\(path): not a regular file (\(kind))",
                                hint: "give a regular file; Backprop does not read from or write to pipes and devices")
        }
    }
}
