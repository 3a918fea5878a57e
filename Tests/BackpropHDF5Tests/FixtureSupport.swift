import Foundation
import Testing
@testable import BackpropHDF5
import BackpropTestSupport

/// The fixture folder beside this file (written by Fixtures/make_fixtures.py with h5py).
let fixtureFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// The path of fixture `name`.
func fixture(_ name: String) -> String { fixtureFolder.appendingPathComponent(name).path }

/// manifest.json: per file, what h5py read back (immutable after loading, hence nonisolated).
nonisolated(unsafe) let manifest: [String: Any] = {
    let data = try! Data(contentsOf: fixtureFolder.appendingPathComponent("manifest.json"))
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
}()

/// The files whose full contents the manifest records.
let describedFixtures: [String] = manifest.keys.filter { (manifest[$0] as! [String: Any])["datasets"] != nil }.sorted()

/// Compares value texts: numbers numerically (exact), strings as strings.
func sameValues(_ ours: [String], _ expected: [String]) -> Bool {
    guard ours.count == expected.count else { return false }
    for (a, b) in zip(ours, expected) where a != b {
        guard let x = Double(a), let y = Double(b), x == y, x.sign == y.sign else { return false }
    }
    return true
}

/// A copy of fixture `name` in the scratch folder (removed when the tests end), changed by
/// `edit`; returns its path.
func corruptedCopy(of name: String, tag: String, _ edit: (inout [UInt8]) -> Void) throws -> String {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture(name))))
    edit(&bytes)
    let path = ScratchFolder.path("\(tag).h5")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

/// Offsets of every occurrence of `signature` in `bytes`.
func occurrences(of signature: String, in bytes: [UInt8]) -> [Int] {
    let pattern = Array(signature.utf8)
    guard bytes.count >= pattern.count else { return [] }
    return (0...(bytes.count - pattern.count)).filter { i in pattern.indices.allSatisfy { bytes[i + $0] == pattern[$0] } }
}

/// Reads everything in a file (tree, attributes, every dataset), as a fuzz target; returns the
/// first error.
@discardableResult
func readEverything(_ path: String) -> HDF5Error? {
    do throws(HDF5Error) {
        let file = try HDF5File(path: path)
        _ = try file.describeTree()
        var stack = [try file.root]
        var seen: Set<UInt64> = []
        while let group = stack.popLast() {
            guard seen.insert(group.address).inserted else { continue }
            for link in try group.links() {
                guard case .hard = link.target else { continue }
                switch try group.object(for: link) {
                case .group(let child): stack.append(child)
                case .dataset(let dataset):
                    if dataset.datatype.isString { _ = try dataset.readStrings() }
                    else if dataset.datatype.isNumeric { _ = try dataset.read(as: Double.self) }
                }
            }
        }
        return nil
    } catch {
        return error
    }
}
