import Foundation
import Testing

/// Runs the built `backprop` executable for the end-to-end tests.
///
/// The executable is looked for next to the test bundle (`.build/<triple>/debug/backprop`, where
/// `swift build` and `swift test` put it), or at `$BACKPROP_EXECUTABLE`.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/cli")

    /// The executable's path, or nil when it was not built.
    static let executable: String? = {
        if let path = ProcessInfo.processInfo.environment["BACKPROP_EXECUTABLE"] { return path }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("backprop").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }()

    /// A fresh temporary folder the commands run in.
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

    /// Runs `backprop arguments…` in ``folder`` and waits for it.
    func run(_ arguments: String...) throws -> Result {
        try run(withArguments: arguments)
    }

    /// Runs `backprop` with `arguments` in ``folder`` and waits for it.
    func run(withArguments arguments: [String]) throws -> Result {
        let executable = try #require(Self.executable, "the backprop executable was not found next to the test bundle (\(CommandLine.arguments[0])); build it with `swift build` or set BACKPROP_EXECUTABLE")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
