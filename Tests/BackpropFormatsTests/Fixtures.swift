import Foundation
import Testing

/// Finds the fixtures beside this file and decodes `manifest.json`, the values the Python
/// generator (`Fixtures/make_fixtures.py`) decoded with NumPy, csv and Pillow.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String { folder.appendingPathComponent(relative).path }

    static func bytes(_ relative: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: folder.appendingPathComponent(relative))) }

    static let manifest: Manifest = {
        let data = try! Data(contentsOf: folder.appendingPathComponent("manifest.json"))
        return try! JSONDecoder().decode(Manifest.self, from: data)
    }()

    struct Manifest: Decodable {
        var npy: [NpyEntry]
        var npy_rejected: [Rejected]
        var npz: [NpzEntry]
        var csv: [CSVEntry]
        var csv_bad: [CSVBad]
        var idx: IDXEntry
        var png: [ImageEntry]
        var jpeg: [ImageEntry]
        var jpeg_unsupported: [String]
        var imagefolder: ImageFolderEntry
    }

    struct ImageFolderEntry: Decodable {
        var folder: String
        var classes: [String]
        var labels: [Int]
        var columns: [[Int]]
    }

    struct NpyEntry: Entry {
        var file: String
        var shape: [Int]
        var dtype: String
        var fortran: Bool
        var little: Bool
        var version: [Int]
        var values: [String]
    }

    struct Rejected: Decodable {
        var file: String
        var reason: String
    }

    struct NpzEntry: Entry {
        var file: String
        var members: [String: NpyEntry]
    }

    enum LabelColumn: Decodable {
        case name(String), index(Int)
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let index = try? container.decode(Int.self) { self = .index(index) } else { self = .name(try container.decode(String.self)) }
        }
    }

    struct CSVEntry: Entry {
        var file: String
        var delimiter: String
        var label: LabelColumn
        var header: [String]?
        var categories: [String: [String: Int]]?
        var features: [[Double]]
        var classes: [String]
        var labels: [Int]
    }

    struct CSVBad: Entry {
        var file: String
        var line: Int
        var column: Int?
        var reason: String
    }

    struct IDXEntry: Decodable {
        var images: String
        var labels: String
        var count, rows, columns: Int
        var pixels: [Int]
        var label_values: [Int]
    }

    /// A decoded image. PNG entries give the bit depth and every sample at that depth; JPEG
    /// entries the 8-bit pixels Pillow decoded.
    struct ImageEntry: Entry {
        var file: String
        var height, width, channels: Int
        var bit_depth: Int?
        var samples: [Int]?
        var pixels: [Int]?
    }
}

/// A manifest entry about one fixture file: a parameterized test takes the entries themselves
/// as its arguments, each shown by its file name.
protocol FixtureEntry: Decodable, Sendable, CustomTestStringConvertible {
    var file: String { get }
}

extension FixtureEntry {
    var testDescription: String { file }
}

extension Fixtures {
    typealias Entry = FixtureEntry
}
