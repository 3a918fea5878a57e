import Foundation
import Testing
import Backprop

/// Replays every model file the fuzzer (`Fuzz/`, see Fuzz/README.md) ever saw crash, hang or run
/// out of memory in ``ModelFile``: each must now load or throw a ``FormatError`` naming it, which
/// the tool reports as bad input or an unsupported feature (exit 1 or 3), never as a crash.
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions/FuzzModelFile")

    @Test(.timeLimit(.minutes(10)))
    func modelFileInputsLoadOrThrowTypedErrors() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { !$0.hasPrefix(".") }.sorted()
        for name in names {
            let path = Self.folder.appendingPathComponent(name).path
            do {
                _ = try ModelFile.read(path)
            } catch {
                #expect(error.file == path, "\(name): \(error)")
                #expect([.badInput, .unsupported].contains(BackpropError(error).category), "\(name): \(error)")
            }
        }
    }
}
