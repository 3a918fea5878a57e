import Foundation
@testable import BackpropCompression

/// The payloads the fixtures decode to, regenerated exactly as `Fixtures/make_fixtures.py`
/// makes them (a 64-bit LCG, one byte = top 8 bits), plus the fixture manifest.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    struct Item: Decodable {
        var file: String
        var payload: String?
        var size: Int?
        var crc32: UInt32?
        var adler32: UInt32?
        var kind: String?
        var members: [String: Member]?
    }

    struct Member: Decodable {
        var payload: String?
        var method: Int
        var size: Int?
        var crc32: UInt32?
        var sha: String?
    }

    static func manifest() throws -> [String: [Item]] {
        try JSONDecoder().decode([String: [Item]].self, from: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
    }

    /// The manifest's `key` entries, each with its file's bytes (none when the key is absent).
    static func files(_ key: String) throws -> [(item: Item, bytes: [UInt8])] {
        try (manifest()[key] ?? []).map { ($0, try bytes($0.file)) }
    }

    /// `bytes` with the byte at `index` XORed with `mask`: a one-bit (or few-bit) corruption.
    static func flipping(_ bytes: [UInt8], at index: Int, _ mask: UInt8) -> [UInt8] {
        var copy = bytes
        copy[index] ^= mask
        return copy
    }

    /// The kind of error `decode` throws for `bytes` when allowed `limit` bytes of output, or
    /// nil when it decodes.
    static func errorKind(
        _ bytes: [UInt8], limit: Int, _ decode: ([UInt8], Int) throws(CompressionError) -> [UInt8]
    ) -> CompressionError.Kind? {
        do { _ = try decode(bytes, limit); return nil } catch { return error.kind }
    }

    static let words: [String] = [
        "the ", "deep ", "neural ", "network ", "learns ", "weights ", "and ", "biases ",
        "by ", "gradient ", "descent, ", "forward ", "backward ", "propagation. ", "cost ", "layer ",
    ]

    static func lcgBytes(seed: UInt64, count: Int) -> [UInt8] {
        var x = seed
        return (0..<count).map { _ in
            x = x &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(x >> 56)
        }
    }

    static func lcgText(seed: UInt64, count: Int) -> [UInt8] {
        var x = seed
        var out: [UInt8] = []
        while out.count < count {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            out += Array(words[Int(x >> 60)].utf8)
        }
        return Array(out[..<count])
    }

    static func payload(_ name: String) -> [UInt8] {
        switch name {
        case "empty": return []
        case "one": return Array("A".utf8)
        case "repetitive": return Array([UInt8](repeating: 0, count: 33334).indices.flatMap { _ in Array("abc".utf8) }[..<100000])
        case "random": return lcgBytes(seed: 1, count: 6000)
        case "text": return lcgText(seed: 2, count: 30000)
        case "long":
            let block = lcgBytes(seed: 3, count: 8000)
            return block + lcgText(seed: 4, count: 22000) + block + lcgText(seed: 5, count: 32000)
        case "runs":
            var x: UInt64 = 6
            var out: [UInt8] = []
            while out.count < 20000 {
                x = x &* 6364136223846793005 &+ 1442695040888963407
                out += [UInt8](repeating: UInt8(x >> 56), count: Int((x >> 40) & 63) + 1)
            }
            return Array(out[..<20000])
        default:
            fatalError("unknown payload \(name)")
        }
    }
}
