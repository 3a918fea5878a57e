import Foundation

/// Where tests write their files: one folder per test process under the system's temporary
/// folder, removed with everything in it when the process exits, so that no run leaves files
/// behind.
public enum ScratchFolder {
    /// This test process's folder (`backprop-tests-<pid>`).
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ScratchFolder.root) }
        return url
    }()

    /// A new, empty folder inside ``root`` (unique per call).
    public static func folder() -> URL {
        let url = root.appendingPathComponent(UUID().uuidString)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A path for `name` in a folder of its own (``folder()``).
    public static func path(_ name: String) -> String { folder().appendingPathComponent(name).path }
}
