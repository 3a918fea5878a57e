import Foundation
import Testing
import BackpropCompression
import BackpropIO
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

    /// The same inputs (and the ZIP fixtures) read from a file (`ZipArchive(file:)`, what
    /// streaming a `.npz` uses: the directory and each member read at their offsets) give the
    /// entries, contents and errors of the archive read from memory.
    @Test func zipInputsReadFromAFileAsFromMemory() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let zips = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter { $0.hasSuffix(".npz") || $0.hasSuffix(".zip") }
        var inputs = try FuzzRegressions.inputs("FuzzZip").map { ($0.name, $0.path, $0.bytes) }
        inputs += try zips.map { ($0, fixtures.appendingPathComponent($0).path, Array(try Data(contentsOf: fixtures.appendingPathComponent($0)))) }
        #expect(zips.count >= 2 && inputs.count > zips.count)
        for (name, path, bytes) in inputs {
            let memory = Result { () throws(CompressionError) in try ZipArchive(bytes: bytes) }
            let file = Result { () throws(CompressionError) in try ZipArchive(file: try! PositionedFile(path: path)) }
            switch (memory, file) {
            case (.success(let a), .success(let b)):
                #expect(a.entries == b.entries, "\(name)")
                for entry in a.entries {
                    let x = Result { () throws(CompressionError) in try a.contents(of: entry.name, maximumOutputCount: Self.cap) }
                    let y = Result { () throws(CompressionError) in try b.contents(of: entry.name, maximumOutputCount: Self.cap) }
                    #expect(x == y, "\(name): \(entry.name)")
                }
            case (.failure(let a), .failure(let b)):
                #expect(a == b, "\(name)")
            default:
                Issue.record("\(name): from memory \(memory), from a file \(file)")
            }
        }
    }
}
