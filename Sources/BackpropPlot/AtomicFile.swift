import Foundation

/// Writes files so that a reader sees either the old file or the complete new one, never half:
/// the bytes go to a uniquely named temporary file in the destination's folder (same file system),
/// which is then renamed over the destination with POSIX `rename(2)`, an atomic replace.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String) throws(PlotError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt64.random(in: 0...UInt64.max)).tmp")
        do {
            try Data(bytes).write(to: temporary)
        } catch {
            throw .writeFailed(path: path, reason: "cannot create a temporary file in \(folder.path): \(error.localizedDescription)")
        }
        if rename(temporary.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw .writeFailed(path: path, reason: "cannot rename the temporary file into place: \(String(cString: strerror(code)))")
        }
    }

    /// UTF-8 text, same guarantees as ``write(_:to:)``.
    static func write(_ text: String, to path: String) throws(PlotError) {
        try write(Array(text.utf8), to: path)
    }
}
