import Foundation
import Testing
import BackpropHDF5

/// Replays every HDF5 file the fuzzer (`Fuzz/`, see Fuzz/README.md) ever saw crash, hang or run
/// out of memory: each must now open, describe and read every dataset, or throw an
/// ``HDF5Error`` naming the file.
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions/FuzzHDF5")

    @Test(.timeLimit(.minutes(10)))
    func hdf5InputsOpenWalkAndReadOrThrowTypedErrors() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { !$0.hasPrefix(".") }.sorted()
        for name in names {
            let path = Self.folder.appendingPathComponent(name).path
            do {
                let file = try HDF5File(path: path)
                _ = try? file.describeTree()
                var visited: Set<UInt64> = []
                try walk(try file.root, visited: &visited)
            } catch {
                #expect(error.file == path, "\(name): \(error)")
            }
        }
    }

    /// Every group once; every dataset under 64 MiB read (as the harness does).
    func walk(_ group: HDF5Group, visited: inout Set<UInt64>) throws(HDF5Error) {
        guard visited.insert(group.address).inserted else { return }
        _ = try group.attributes()
        for link in try group.links() {
            switch try group.object(for: link) {
            case .group(let child): try walk(child, visited: &visited)
            case .dataset(let dataset):
                guard dataset.elementCount.multipliedReportingOverflow(by: max(1, dataset.datatype.size)).partialValue <= 64 << 20 else { continue }
                if dataset.datatype.isString { _ = try dataset.readStrings() } else { _ = try dataset.readRaw() }
            }
        }
    }
}
