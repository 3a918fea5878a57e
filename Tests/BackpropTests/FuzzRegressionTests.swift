import Foundation
import Testing
import Backprop
import BackpropTestSupport

/// Replays every model file kept under `Fuzz/Regressions/FuzzModelFile/` (see Fuzz/README.md):
/// each must now load or throw a ``FormatError`` naming it, which the tool reports as bad input
/// or an unsupported feature (exit 1 or 3), never as a crash. An empty or missing folder fails
/// the test.
struct FuzzRegressionTests {
    @Test(.timeLimit(.minutes(10)))
    func modelFileInputsLoadOrThrowTypedErrors() throws {
        try FuzzRegressions.replay("FuzzModelFile", { input throws(FormatError) in
            _ = try ModelFile.read(input.path)
        }, checkError: { input, error in
            #expect(error.file == input.path, "\(input.name): \(error)")
            #expect([.badInput, .unsupported].contains(BackpropError(error).category), "\(input.name): \(error)")
        })
    }

    /// `Fuzz/Regressions/FuzzTrainCommand/`: each input runs through `train`'s whole path
    /// (``CommandRuns/train(_:)``, the harness's own code) under the harness's 64 MiB budget;
    /// every failure is bad input or an unsupported feature (exit 1 or 3), never a trap, an abort
    /// or an I/O error.
    @Test(.timeLimit(.minutes(10)))
    func trainCommandInputsTrainOrFailCleanly() throws {
        try FuzzRegressions.replay("FuzzTrainCommand", { input throws(BackpropError) in
            guard let decoded = CommandInput(input.bytes) else { Issue.record("\(input.name) is too short for the command layout"); return }
            if let error = CommandRuns.train(decoded) { throw error }
        }, checkError: { input, error in
            #expect([.badInput, .unsupported].contains(error.category), "\(input.name): \(error) (\(error.category))")
        })
    }

    /// `Fuzz/Regressions/FuzzInferenceCommand/`: each input runs through `evaluate` and
    /// `predict` (``CommandRuns/inference(_:)``) under the harness's budget; failures are bad
    /// input or unsupported (exit 1 or 3).
    @Test(.timeLimit(.minutes(10)))
    func inferenceCommandInputsRunOrFailCleanly() throws {
        try FuzzRegressions.replay("FuzzInferenceCommand", { input throws(BackpropError) in
            guard let decoded = CommandInput(input.bytes, withModel: true) else { Issue.record("\(input.name) is too short for the command layout"); return }
            if let error = CommandRuns.inference(decoded) { throw error }
        }, checkError: { input, error in
            #expect([.badInput, .unsupported].contains(error.category), "\(input.name): \(error) (\(error.category))")
        })
    }
}
