import Backprop
import Foundation

/// Printing: results to standard output, errors and the progress bar to standard error.
enum Terminal {
    /// Whether standard error is a terminal (then a progress bar is drawn there).
    static let isInteractive = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["TERM"] != "dumb"

    /// The terminal's width in characters (80 when unknown).
    static var width: Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }

    nonisolated(unsafe) private static var barShown = false
    /// Whether results and the bar are left out (ranks other than 0 of an MPI job); errors are not.
    nonisolated(unsafe) static var muted = false

    /// A line on standard output (clearing the progress bar first).
    static func out(_ text: String) {
        guard !muted else { return }
        clearBar()
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// The progress bar, redrawn in place on standard error (only on a terminal).
    static func bar(_ text: String) {
        guard isInteractive && !muted else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
        barShown = true
    }

    /// Removes the progress bar.
    static func clearBar() {
        if barShown {
            FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
            barShown = false
        }
    }

    /// `error: message` and `hint: …` on standard error.
    static func error(_ error: BackpropError) {
        clearBar()
        var text = "error: \(error.message)\n"
        if !error.hint.isEmpty { text += "hint: \(error.hint)\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Flushes standard output.
    static func flush() {}
}
