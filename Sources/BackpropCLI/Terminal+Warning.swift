import Foundation

extension Terminal {
    /// `warning: text` on standard error: something the command did on its own that the user
    /// should know about (examples left out by `--skip-bad-rows`); the command still succeeds.
    static func warning(_ text: String) {
        guard !muted else { return }
        clearBar()
        FileHandle.standardError.write(Data("warning: \(text)\n".utf8))
    }
}
