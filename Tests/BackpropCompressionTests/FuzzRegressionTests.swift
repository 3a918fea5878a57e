import Foundation
import Testing
import BackpropCompression
import BackpropTestSupport

/// Replays every input kept under `Fuzz/Regressions/` (see Fuzz/README.md) for the DEFLATE,
/// zlib, gzip and ZIP readers: each must decode or throw a ``CompressionError`` whose offset lies
/// inside the input, within the harness's 16 MiB cap, and do what its name says
/// (``FuzzRegressions``). An empty or missing folder fails the test.
struct FuzzRegressionTests {
    static let cap = 16 << 20

    /// `bytes` decoded as a raw DEFLATE stream, a zlib stream or a gzip file.
    static func decode(_ bytes: [UInt8], as format: String) throws(CompressionError) -> [UInt8] {
        switch format {
        case "zlib": try Zlib.decompress(bytes, maximumOutputCount: cap)
        case "gzip": try Gzip.decompress(bytes, maximumOutputCount: cap)
        default: try Inflate.decompress(bytes, maximumOutputCount: cap)
        }
    }

    /// The format an input's name ends with: `.zlib`, `.gz`, else raw DEFLATE.
    static func format(of name: String) -> String {
        name.hasSuffix(".zlib") ? "zlib" : name.hasSuffix(".gz") ? "gzip" : "deflate"
    }

    static func expectOffsetInside(_ input: FuzzRegressions.Input, _ error: CompressionError, _ format: String) {
        #expect(error.offset >= 0 && error.offset <= input.bytes.count, "\(input.name) as \(format): \(error)")
    }

    @Test(.timeLimit(.minutes(10)))
    func inflateZlibGzipInputsDecodeOrThrowTypedErrors() throws {
        // In the format its name gives, with the outcome its name says.
        try FuzzRegressions.replay("FuzzInflate", { input throws(CompressionError) in
            let output = try Self.decode(input.bytes, as: Self.format(of: input.name))
            #expect(output.count <= Self.cap, "\(input.name)")
        }, checkError: { input, error in Self.expectOffsetInside(input, error, Self.format(of: input.name)) })
        // And in the other two formats, as the harness runs every input: either outcome.
        for input in try FuzzRegressions.inputs("FuzzInflate") {
            for format in ["deflate", "zlib", "gzip"] where format != Self.format(of: input.name) {
                do {
                    let output = try Self.decode(input.bytes, as: format)
                    #expect(output.count <= Self.cap, "\(input.name) as \(format)")
                } catch {
                    Self.expectOffsetInside(input, error, format)
                }
            }
        }
    }

    /// Opens the archive and extracts every member; a member's error counts as the input's.
    @Test(.timeLimit(.minutes(10)))
    func zipInputsListAndExtractOrThrowTypedErrors() throws {
        try FuzzRegressions.replay("FuzzZip", { input throws(CompressionError) in
            let archive = try ZipArchive(bytes: input.bytes)
            for entry in archive.entries {
                let contents = try archive.contents(of: entry.name, maximumOutputCount: Self.cap)
                #expect(contents.count == entry.uncompressedSize, "\(input.name): \(entry.name)")
            }
        }, checkError: { input, error in
            #expect(!error.description.isEmpty, "\(input.name)")
            Self.expectOffsetInside(input, error, "zip")
        })
    }
}
