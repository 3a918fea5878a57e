import Foundation
import Testing

/// A Python that imports numpy and h5py, for the tests that check files Backprop writes with
/// h5py (`Tests/BackpropHDF5Tests/check_written_h5.py`): `$BACKPROP_PYTHON` when set and not
/// empty, else `python3` on the PATH. Tests that need it carry ``Testing/Trait/requiresH5py``
/// and are reported as skipped, saying which Python was tried, when it cannot import them.
public enum PythonH5py {
    /// The environment variable that names the interpreter.
    public static let environmentVariable = "BACKPROP_PYTHON"

    /// `$BACKPROP_PYTHON`, else `python3`.
    public static var interpreter: String {
        if let value = ProcessInfo.processInfo.environment[environmentVariable], !value.isEmpty { return value }
        return "python3"
    }

    /// `Tests/BackpropHDF5Tests/check_written_h5.py`.
    public static let checkScript = packageRoot.appendingPathComponent("Tests/BackpropHDF5Tests/check_written_h5.py").path

    /// Whether ``interpreter`` runs `import numpy, h5py` (asked once).
    public static let isAvailable: Bool = (try? run(["-c", "import numpy, h5py"]).status) == 0

    /// Why a test that needs h5py is skipped.
    public static var notFoundMessage: String {
        "\(interpreter) cannot import numpy and h5py (set \(environmentVariable) to a Python that can, e.g. a venv with `pip install numpy h5py`)"
    }

    /// Runs ``interpreter`` with `arguments` and returns its exit status and its standard
    /// output and error together.
    public static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [interpreter] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when ``PythonH5py/isAvailable``; otherwise the test is skipped with a
    /// message naming the interpreter tried.
    public static var requiresH5py: Self {
        .enabled(if: PythonH5py.isAvailable, Comment(rawValue: PythonH5py.notFoundMessage))
    }
}
