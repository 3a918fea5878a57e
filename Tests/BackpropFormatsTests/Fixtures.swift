import Foundation

/// Finds the fixtures beside this file and decodes `manifest.json`, the values the Python
/// generator (`Fixtures/make_fixtures.py`) decoded with NumPy, csv and Pillow.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String { folder.appendingPathComponent(relative).path }

    static func bytes(_ relative: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: folder.appendingPathComponent(relative))) }

    /// A scratch directory for round-trip writes, unique per call.
    static func scratch(_ name: String) -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-formats-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.appendingPathComponent(name).path
    }

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
        var png: [PNGEntry]
        var jpeg: [JPEGEntry]
        var jpeg_unsupported: [String]
        var imagefolder: ImageFolderEntry
    }

    struct ImageFolderEntry: Decodable {
        var folder: String
        var classes: [String]
        var labels: [Int]
        var columns: [[Int]]
    }

    struct NpyEntry: Decodable {
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

    struct NpzEntry: Decodable {
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

    struct CSVEntry: Decodable {
        var file: String
        var delimiter: String
        var label: LabelColumn
        var header: [String]?
        var categories: [String: [String: Int]]?
        var features: [[Double]]
        var classes: [String]
        var labels: [Int]
    }

    struct CSVBad: Decodable {
        var file: String
        var line: Int
        var column: Int?
        var reason: String
    }

    struct IDXEntry: Decodable {
        var images: String
        var labels: String
        var count: Int
        var rows: Int
        var columns: Int
        var pixels: [Int]
        var label_values: [Int]
    }

    struct PNGEntry: Decodable {
        var file: String
        var height: Int
        var width: Int
        var channels: Int
        var bit_depth: Int
        var samples: [Int]
    }

    struct JPEGEntry: Decodable {
        var file: String
        var height: Int
        var width: Int
        var channels: Int
        var pixels: [Int]
    }
}
