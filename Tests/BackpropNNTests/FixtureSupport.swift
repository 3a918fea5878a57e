import Foundation
import BackpropNN

/// Reads the JSON fixtures in this folder's Fixtures/ (written by their make_*.py scripts).
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func load(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// A matrix stored as nested rows of numbers.
    static func matrix(_ value: Any?) -> Matrix<Double> {
        let rows = (value as! [[Any]]).map { $0.map { ($0 as! NSNumber).doubleValue } }
        return Matrix(rows)
    }
}
