import Foundation
import Testing
import BackpropIO
import BackpropHDF5

/// Reads are checked against the `MemoryBudget` in force before anything is allocated, never-
/// written datasets are recognisable, and a damaged object-header version is damage (issue 17).
struct HDF5MemoryBudgetTests {
    /// `many_chunks_2d` is (10, 15) int16 in 150 chunks: 300 bytes, plus one 2-byte chunk.
    @Test func readsAreRefusedAboveTheBudgetAndAllowedAtIt() throws {
        let file = try HDF5File(path: fixture("many_earliest.h5"))
        let dataset = try file.dataset(at: "many_chunks_2d")
        let reference = try MemoryBudget.$current.withValue(.unlimited) { try dataset.read(as: Double.self).values }
        #expect(reference.count == 150)
        let atLimit = try MemoryBudget.$current.withValue(MemoryBudget(bytes: 302)) { try dataset.read(as: Double.self).values }
        #expect(atLimit == reference)
        let error = #expect(throws: HDF5Error.self) {
            try MemoryBudget.$current.withValue(MemoryBudget(bytes: 301)) { try dataset.readRaw() }
        }
        #expect(error?.kind == .overMemoryBudget)
        #expect(error?.description.contains("302 B, more than the memory budget (301 B)") == true)
    }

    /// A dataset never written (no storage allocated) says so; written ones do not.
    @Test func neverWrittenDatasetsAreRecognised() throws {
        let unwritten = try HDF5File(path: fixture("limits/huge_unwritten.h5")).dataset(at: "big")
        #expect(!unwritten.isWritten)
        let file = try HDF5File(path: fixture("many_earliest.h5"))
        for path in ["attributed", "many_chunks", "many_chunks_2d", "big/member_with_a_long_name_0000"] {
            #expect(try file.dataset(at: path).isWritten, "\(path)")
        }
    }

    /// `attributed`'s version-1 object header at byte 23368: another first byte there is what a
    /// corrupted address leads to, so it is `.malformed` (bad input), not an unsupported version.
    @Test func damagedObjectHeaderVersionIsMalformed() throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture("many_earliest.h5"))))
        #expect(bytes[23368] == 1)
        bytes[23368] = 0x2a
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("damaged-header-\(UUID()).h5").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: HDF5Error.self) { try HDF5File(path: path).dataset(at: "attributed") }
        #expect(error?.kind == .malformed)
        #expect(error?.description.contains("no object header here: found byte 42") == true)
    }
}
