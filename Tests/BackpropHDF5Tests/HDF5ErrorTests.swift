import Foundation
import Testing
@testable import BackpropHDF5
import BackpropTestSupport

/// Damaged files, derived from the fixtures by truncation and byte changes: each must throw a
/// typed error naming the file, the byte offset and what was found — never crash.
@Suite struct HDF5ErrorTests {
    @Test func missingFileCannotBeOpened() {
        let error = #expect(throws: HDF5Error.self) { try HDF5File(path: "/nonexistent/file.h5") }
        #expect(error?.kind == .cannotOpen)
        #expect(error?.file == "/nonexistent/file.h5")
    }

    @Test func badSuperblockSignature() throws {
        let path = try corruptedCopy(of: "libver_earliest_latest.h5", tag: "signature") { $0[1] = UInt8(ascii: "X") }
        let error = #expect(throws: HDF5Error.self) { try HDF5File(path: path) }
        #expect(error?.kind == .badSignature)
        #expect(error?.file == path)
        #expect(error?.offset == 0)
    }

    @Test func badNodeSignatureNamesTheStructureAndOffset() throws {
        var position = 0
        let path = try corruptedCopy(of: "libver_earliest_latest.h5", tag: "tree") { bytes in
            position = occurrences(of: "TREE", in: bytes)[0]
            bytes[position] = UInt8(ascii: "Q")
        }
        let error = try #require(readEverything(path))
        #expect(error.kind == .badSignature)
        #expect(error.offset == UInt64(position))
        #expect(error.found.contains("QREE"))
        #expect(error.objectPath != nil)
    }

    @Test func unsupportedSuperblockVersion() throws {
        let path = try corruptedCopy(of: "libver_earliest_latest.h5", tag: "version") { $0[8] = 9 }
        let error = #expect(throws: HDF5Error.self) { try HDF5File(path: path) }
        #expect(error?.kind == .unsupportedVersion(structure: "superblock", version: 9))
        #expect(error?.offset == 8)
    }

    @Test func rootAddressPastTheEndOfTheFile() throws {
        // Superblock version 0 with 8-byte addresses: the root object header address is at 64.
        let path = try corruptedCopy(of: "libver_earliest_latest.h5", tag: "address") { bytes in
            for k in 0..<8 { bytes[64 + k] = k < 5 ? 0x7f : 0 }
        }
        let error = #expect(throws: HDF5Error.self) { try HDF5File(path: path).root }
        #expect(error?.kind == .addressOutOfRange)
        #expect(error?.objectPath == "/")
        #expect(error?.offset == 0x7f_7f7f_7f7f)
    }

    @Test func truncatedFileReportsTruncation() throws {
        // Cut the file: what lies in the lost third must be reported, not read as zeros.
        let path = try corruptedCopy(of: "libver_earliest_latest.h5", tag: "truncated") { $0.removeLast($0.count / 3) }
        let error = try #require(readEverything(path))
        #expect([.truncated, .addressOutOfRange].contains(error.kind))
        #expect(error.offset != nil)
        #expect(error.file == path)
        let tiny = try corruptedCopy(of: "libver_latest_latest.h5", tag: "tiny") { $0.removeLast($0.count - 20) }
        let early = #expect(throws: HDF5Error.self) { try HDF5File(path: tiny) }
        #expect(early?.kind == .truncated)
    }

    @Test func superblockChecksumMismatch() throws {
        // Version 3 superblock: byte 28 lies in the stored end-of-file address, covered only by the checksum.
        let path = try corruptedCopy(of: "libver_latest_latest.h5", tag: "sbsum") { $0[28] ^= 0x01 }
        let error = #expect(throws: HDF5Error.self) { try HDF5File(path: path) }
        #expect(error?.kind == .checksumMismatch)
        #expect(error?.offset == 44)
    }

    @Test func objectHeaderChecksumMismatch() throws {
        var position = 0
        let path = try corruptedCopy(of: "libver_latest_latest.h5", tag: "ohdr") { bytes in
            position = occurrences(of: "OHDR", in: bytes)[1]
            bytes[position + 12] ^= 0x40
        }
        let error = try #require(readEverything(path))
        #expect(error.kind == .checksumMismatch)
        #expect(error.objectPath != nil)
        #expect(error.found.contains("object header"))
    }

    @Test func chunkFletcher32Mismatch() throws {
        let name = "libver_earliest_latest.h5"
        let chunk = ((manifest[name] as! [String: Any])["firstChunk"] as! [String: [Int]])["/chunked/shuffle_fletcher"]!
        let path = try corruptedCopy(of: name, tag: "fletcher") { $0[chunk[0] + chunk[1] - 1] ^= 0xff }
        let error = #expect(throws: HDF5Error.self) { try HDF5File(path: path).dataset(at: "/chunked/shuffle_fletcher").read(as: Double.self) }
        #expect(error?.kind == .checksumMismatch)
        #expect(error?.objectPath == "/chunked/shuffle_fletcher")
        #expect(error?.offset == UInt64(chunk[0]))
    }

    @Test func btreeCycleIsDetected() throws {
        // The v1 B-tree of /many_chunks has a level-1 root; point its first child at itself.
        let path = try corruptedCopy(of: "many_earliest.h5", tag: "cycle") { bytes in
            for node in occurrences(of: "TREE", in: bytes) where bytes[node + 4] == 1 && bytes[node + 5] == 1 {
                let firstChild = node + 8 + 16 + 24
                for k in 0..<8 { bytes[firstChild + k] = UInt8(truncatingIfNeeded: node >> (8 * k)) }
            }
        }
        let error = #expect(throws: HDF5Error.self) { try HDF5File(path: path).dataset(at: "/many_chunks").read(as: Double.self) }
        #expect(error?.kind == .cycle)
        #expect(error?.objectPath == "/many_chunks")
    }

    @Test func sizeThatDoesNotFitTheFile() throws {
        // The local heap's data segment size (right after "HEAP", version, reserved) set to 2^60.
        let path = try corruptedCopy(of: "libver_earliest_latest.h5", tag: "size") { bytes in
            let heap = occurrences(of: "HEAP", in: bytes)[0]
            for k in 0..<8 { bytes[heap + 8 + k] = k == 7 ? 0x10 : 0 }
        }
        let error = #expect(throws: HDF5Error.self) { try HDF5File(path: path).root.links() }
        #expect(error?.kind == .sizeTooLarge)
        #expect(error?.objectPath == "/")
    }

    @Test func errorDescriptionNamesFileKindOffsetObjectAndFinding() {
        let error = HDF5Error(.checksumMismatch, file: "x.h5", objectPath: "/d", offset: 12, found: "stored 1, computed 2")
        #expect(error.description == "x.h5: checksum mismatch at byte 12 (object /d): stored 1, computed 2")
    }

    /// Deterministic byte flips and truncations over two small fixtures: reading must end in
    /// success or an HDF5Error, never a trap. (A trap would crash the test process.)
    @Test(arguments: ["libver_earliest_latest.h5", "libver_latest_latest.h5", "many_latest.h5"])
    func damagedFilesNeverCrash(_ name: String) throws {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture(name))))
        var generator = SplitMix64(seed: 42)
        var failures = 0
        for trial in 0..<120 {
            let path = try corruptedCopy(of: name, tag: "fuzz-\(name)") { bytes in
                if trial % 10 == 9 {
                    bytes.removeLast(Int(generator.next() % UInt64(bytes.count)))
                } else {
                    for _ in 0..<(1 + trial % 3) {
                        let at = Int(generator.next() % UInt64(bytes.count))
                        bytes[at] = UInt8(truncatingIfNeeded: generator.next())
                    }
                }
            }
            if readEverything(path) != nil { failures += 1 }
        }
        #expect(original.count > 0)
        #expect(failures > 0, "some damage must be detected")
    }
}
