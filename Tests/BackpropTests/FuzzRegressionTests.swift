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
}
