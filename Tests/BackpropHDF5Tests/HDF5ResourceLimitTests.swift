import Foundation
import Testing
import BackpropHDF5

/// The HDF5 reader takes its limits from the file and from fixed caps, never trusting sizes it
/// reads: crafted files (Fixtures/limits/make_limit_fixtures.py) and byte edits of the regular
/// fixtures show each limit holding with a typed error.
struct HDF5ResourceLimitTests {
    func limitFixture(_ name: String) -> String { fixture("limits/" + name) }

    /// Group nesting deeper than ``HDF5File/maximumTreeDepth`` stops the recursive description
    /// with `.sizeTooLarge`; a path through the same groups still resolves (iteratively).
    @Test func groupsNestedDeeperThanTheBoundStopTheTreeWalk() throws {
        let file = try HDF5File(path: limitFixture("deep_groups.h5"))
        let error = #expect(throws: HDF5Error.self) { try file.describeTree() }
        #expect(error?.kind == .sizeTooLarge)
        #expect(error?.description.contains("nested deeper than \(HDF5File.maximumTreeDepth)") == true)
        let leaf = try file.dataset(at: Array(repeating: "g", count: 70).joined(separator: "/") + "/leaf")
        #expect(try leaf.read(as: Double.self).values == [1, 2])
    }

    /// A dataset that was never written occupies no bytes in the file, but reading it would
    /// allocate its full size of fill values: above ``HDF5Dataset/maximumReadBytes`` it is
    /// refused before anything is allocated.
    @Test func unwrittenDatasetAboveTheReadCapIsRefusedWithoutAllocating() throws {
        let file = try HDF5File(path: limitFixture("huge_unwritten.h5"))
        let big = try file.dataset(at: "big")
        #expect(big.shape == [1 << 20, 1 << 10])
        let error = #expect(throws: HDF5Error.self) { try big.read(as: Double.self) }
        #expect(error?.kind == .sizeTooLarge)
        #expect(error?.description.contains("\(HDF5Dataset.maximumReadBytes)-byte read limit") == true)
    }

    /// Hard links back to an enclosing group and soft links that loop are cycles: listed once or
    /// reported as `.cycle`, never followed forever.
    @Test func groupCyclesAreDetected() throws {
        let file = try HDF5File(path: fixture("cycles.h5"))
        let loop = #expect(throws: HDF5Error.self) { try file.object(at: "/a") }
        #expect(loop?.kind == .cycle)
        #expect(try file.describeTree().contains("(hard link to an enclosing group: cycle, not descended)"))
    }

    /// A path of more components than any file could need is refused before it is walked.
    @Test func absurdlyLongPathsAreRefused() throws {
        let file = try HDF5File(path: fixture("cycles.h5"))
        let error = #expect(throws: HDF5Error.self) { try file.object(at: Array(repeating: "g", count: 300).joined(separator: "/")) }
        #expect(error?.kind == .sizeTooLarge)
    }

    /// Every length field is checked against the bytes left in the file before a buffer is
    /// allocated: a local heap claiming 2^60 bytes of data throws, it does not allocate.
    @Test func lengthsLargerThanTheFileAreRefused() throws {
        let path = try corruptedCopy(of: "libver_earliest_latest.h5", tag: "limit-heap") { bytes in
            let heap = occurrences(of: "HEAP", in: bytes)[0]
            for k in 0..<8 { bytes[heap + 8 + k] = k == 7 ? 0x10 : 0 }
        }
        let error = #expect(throws: HDF5Error.self) { try HDF5File(path: path).root.links() }
        #expect(error?.kind == .sizeTooLarge)
    }
}
