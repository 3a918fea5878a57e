import Foundation
import Testing

/// Runs the built `backprop` executable for the end-to-end tests.
///
/// The executable is looked for next to the test bundle (`.build/<triple>/debug/backprop`, where
/// `swift build` and `swift test` put it), or at `$BACKPROP_EXECUTABLE`.
struct CLIRunner {
    struct Result {
        /// The exit status, or the signal's number when ``killedBySignal``.
        var status: Int32
        var stdout: String
        var stderr: String
        /// True when the process died by a signal (a trap, an abort, the test's timeout).
        var killedBySignal = false
        /// The run's peak resident memory in KiB (`ru_maxrss`), when the runner measured it.
        var maximumResidentKiB: Int? = nil
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

    /// Runs `backprop` with `arguments` in ``folder`` and waits for it; after `timeout` seconds
    /// it is killed (SIGKILL) and reported as ``Result/killedBySignal``. `environment` entries
    /// are added to (or replace) this process's environment.
    func run(withArguments arguments: [String], timeout: Double = 600, environment: [String: String] = [:]) throws -> Result {
        let executable = try #require(Self.executable, "the backprop executable was not found next to the test bundle (\(CommandLine.arguments[0])); build it with `swift build` or set BACKPROP_EXECUTABLE")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }
        // Standard error is drained on another thread so that a full pipe never blocks the child.
        let errBox = DataBox()
        let errDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            errDone.signal()
        }
        // The peak resident memory, sampled from /proc every 2 ms while the run lasts.
        let peakBox = DataBox()
        let peakDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            while process.isRunning {
                if let mark = Self.highWaterMark(of: pid) { peakBox.peak = max(peakBox.peak ?? 0, mark) }
                usleep(2000)
            }
            peakDone.signal()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errDone.wait()
        process.waitUntilExit()
        peakDone.wait()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errBox.data, as: UTF8.self),
                      killedBySignal: process.terminationReason == .uncaughtSignal, maximumResidentKiB: peakBox.peak)
    }
}

/// Bytes written by one thread and read by another after a semaphore.
private final class DataBox: @unchecked Sendable {
    var data = Data()
    var peak: Int?
}
