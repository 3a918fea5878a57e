import Foundation
import Testing

/// One input of a class of failures found by trying the commands as an attacker would (issue
/// 17): a crafted file or an extreme option that once crashed a command, aborted it for memory,
/// hung it or ended it with the wrong message or exit status.
///
/// The classes, numbered as in the issue:
/// 1. an allocation sized from a header before any check;
/// 2. label values becoming class counts;
/// 3. a decompression path without its limit;
/// 4. extreme option values;
/// 5. images far larger than the model needs;
/// 6. inference accepting what training refuses (non-finite features, damaged scans, divergence);
/// 7. a wrong exit status or message (damaged reported as unsupported, FIFOs, /proc, raw system text);
/// 8. non-UTF-8 file names;
/// 9. SIGINT or SIGTERM during training;
/// 10. work done before checking what was given, or a message that does not say what the thing
///     is (a folder or another kind of file where a model, data or an image is expected, an
///     output that cannot become a file, a missing input, a negative number; a new user's issue).
///
/// ``ReproducerTests`` runs every one through the real `backprop` executable under a small
/// memory budget and checks: no death by a signal, no "Fatal error", exactly one `error:` line,
/// the expected exit status and a fragment of the expected message.
struct Reproducer: CustomTestStringConvertible, Sendable {
    /// The class of failure, 1…10 (see the type's documentation).
    var failureClass: Int
    /// A short name for the test's output.
    var name: String
    /// Writes the files the command needs into the folder (a fresh one per reproducer) and
    /// returns the command line (without `backprop`).
    var prepare: @Sendable (_ folder: URL) throws -> [String]
    /// The expected exit status (0 for inputs that are now handled and succeed).
    var status: Int32
    /// Text the `error:` line must contain (lower-cased comparison); ignored for status 0.
    var message: String
    /// Environment entries for the run (the default sets a 256 MiB memory budget).
    var environment: [String: String] = ["BACKPROP_MEMORY_LIMIT": "256M"]
    /// Seconds before the run counts as hung.
    var timeout: Double = 60
    /// Arguments to pass as raw bytes instead of the prepared text, by index into the prepared
    /// arguments (a file name that is not UTF-8); empty: none.
    var rawArguments: [Int: [UInt8]] = [:]
    /// A signal to send to the run, and how many seconds after its start (class 9); nil: none.
    var signal: (number: Int32, after: Double)? = nil
    /// The most resident memory the run may reach, in MiB (class 5: the work stays bounded,
    /// whatever the file declares); nil: not measured.
    var maximumResidentMiB: Int? = nil

    var testDescription: String { "class \(failureClass): \(name)" }

    /// Every reproducer, from the files that own each area.
    static var all: [Reproducer] {
        dataReproducers + optionReproducers + imageReproducers + inferenceReproducers + checkReproducers
    }
}

/// Helpers for writing reproducer files.
extension URL {
    /// Writes `bytes` to the file `name` in this folder and returns its path.
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let url = appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Runs `backprop arguments…` in this folder (to make a model or a data file a reproducer
    /// needs), with the test's environment.
    ///
    /// - Throws: when the command fails, with its standard error.
    func backprop(_ arguments: String...) throws {
        let executable = try #require(CLIRunner.executable, "the backprop executable was not built")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = self
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PrepareError(message: "backprop \(arguments.joined(separator: " ")): " + String(decoding: message, as: UTF8.self))
        }
    }

    /// Writes `text` (UTF-8) to the file `name` in this folder and returns its path.
    func write(_ text: String, to name: String) throws -> String {
        try write(Array(text.utf8), to: name)
    }
}

@Suite("Every reproducer class of issue 17 (and class 10), through the real commands")
struct ReproducerTests {
    /// True when this test process (and so the executable built with it) runs under
    /// AddressSanitizer, whose shadow memory and quarantine of freed blocks make a peak resident
    /// size meaningless (the class 5 run peaks at 26 MiB in a debug build, 498 MiB under ASan):
    /// the peak is checked by the ordinary `swift test` only, and only where /proc tells it (Linux).
    static let underAddressSanitizer = dlsym(dlopen(nil, RTLD_NOW), "__asan_init") != nil

    @Test("every class 1…10 has at least one reproducer")
    func everyClassIsCovered() {
        let covered = Set(Reproducer.all.map(\.failureClass))
        #expect(covered == Set(1...10), "classes without a reproducer: \(Set(1...10).subtracting(covered).sorted())")
    }

    @Test("each reproducer ends with one error line and the right exit status", arguments: Reproducer.all)
    func reproducer(_ reproducer: Reproducer) throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let arguments = try reproducer.prepare(cli.folder)
        let result: CLIRunner.Result
        if reproducer.rawArguments.isEmpty && reproducer.signal == nil {
            result = try cli.run(withArguments: arguments, timeout: reproducer.timeout, environment: reproducer.environment)
        } else {
            let raw = arguments.enumerated().map { reproducer.rawArguments[$0.offset] ?? Array($0.element.utf8) }
            result = try cli.run(rawArguments: raw, timeout: reproducer.timeout, environment: reproducer.environment,
                                 signal: reproducer.signal)
        }
        let context = "backprop \(arguments.joined(separator: " "))\nstatus \(result.status)\nstderr: \(result.stderr.suffix(2000))"
        #expect(!result.killedBySignal, "died by signal \(result.status) (or hung): \(context)")
        #expect(!result.stderr.contains("Fatal error"), "\(context)")
        #expect(result.status == reproducer.status, "\(context)")
        if let limit = reproducer.maximumResidentMiB, !Self.underAddressSanitizer, FileManager.default.fileExists(atPath: "/proc/self/status") {
            let peak = (result.maximumResidentKiB ?? .max) / 1024
            #expect(peak <= limit, "peak resident memory \(peak) MiB, more than \(limit) MiB: \(context)")
        }
        let errorLines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
        if reproducer.status == 0 {
            #expect(errorLines.isEmpty, "\(context)")
        } else {
            #expect(errorLines.count == 1, "\(context)")
            #expect(errorLines.first?.lowercased().contains(reproducer.message.lowercased()) == true,
                    "expected the error line to contain \"\(reproducer.message)\": \(context)")
        }
    }
}

/// A reproducer's preparation failed (the command that makes its model, for example).
struct PrepareError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
