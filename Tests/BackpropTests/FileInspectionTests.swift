import Foundation
import Testing
import Backprop

/// `backprop inspect`'s description of a NumPy array counts its elements in words that agree
/// with the count ("1 element", "3 elements").
@Suite struct FileInspectionTests {
    @Test(arguments: [(1, "1 element\n"), (3, "3 elements\n")])
    func arraysCountTheirElements(count: Int, ending: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-inspect-\(UUID().uuidString).npy").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try NumPyFile.write((0..<count).map(Int64.init), shape: [count], to: path)
        let text = try FileInspection.describe(path)
        #expect(text.hasSuffix(ending), "\(text)")
    }
}
