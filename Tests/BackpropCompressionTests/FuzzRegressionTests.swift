import Foundation
import Testing
import BackpropCompression

/// Replays every input the fuzzers (`Fuzz/`, see Fuzz/README.md) ever saw crash, hang or run out
/// of memory in the DEFLATE, zlib, gzip and ZIP readers: each must now decode or throw a
/// ``CompressionError`` whose offset lies inside the input, within the harness's 16 MiB cap.
struct FuzzRegressionTests {
    /// `Fuzz/Regressions/<target>/`, found from this file.
    static func inputs(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions/\(target)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        return try names.map { ($0, [UInt8](try Data(contentsOf: folder.appendingPathComponent($0)))) }
    }

    static let cap = 16 << 20

    @Test(.timeLimit(.minutes(10)))
    func inflateZlibGzipInputsDecodeOrThrowTypedErrors() throws {
        for (name, bytes) in try Self.inputs("FuzzInflate") {
            for format in ["deflate", "zlib", "gzip"] {
                do {
                    let output = try Self.decode(bytes, as: format)
                    #expect(output.count <= Self.cap, "\(name) as \(format)")
                } catch {
                    #expect(error.offset >= 0 && error.offset <= bytes.count, "\(name) as \(format): \(error)")
                }
            }
        }
    }

    /// `bytes` decoded as a raw DEFLATE stream, a zlib stream or a gzip file.
    static func decode(_ bytes: [UInt8], as format: String) throws(CompressionError) -> [UInt8] {
        switch format {
        case "zlib": try Zlib.decompress(bytes, maximumOutputCount: cap)
        case "gzip": try Gzip.decompress(bytes, maximumOutputCount: cap)
        default: try Inflate.decompress(bytes, maximumOutputCount: cap)
        }
    }

    @Test(.timeLimit(.minutes(10)))
    func zipInputsListAndExtractOrThrowTypedErrors() throws {
        for (name, bytes) in try Self.inputs("FuzzZip") {
            let archive: ZipArchive
            do { archive = try ZipArchive(bytes: bytes) } catch {
                #expect(error.offset >= 0 && error.offset <= bytes.count, "\(name): \(error)")
                continue
            }
            for entry in archive.entries {
                do {
                    let contents = try archive.contents(of: entry.name, maximumOutputCount: Self.cap)
                    #expect(contents.count == entry.uncompressedSize, "\(name): \(entry.name)")
                } catch {
                    #expect(!error.description.isEmpty, "\(name): \(entry.name)")
                }
            }
        }
    }
}
