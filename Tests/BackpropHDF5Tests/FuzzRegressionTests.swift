import Foundation
import Testing
import BackpropHDF5
import BackpropTestSupport

/// Replays every HDF5 file kept under `Fuzz/Regressions/FuzzHDF5/` (see Fuzz/README.md): each
/// must open, describe and read every dataset, or throw an ``HDF5Error`` naming the file, and do
/// what its name says (``FuzzRegressions``). An empty or missing folder fails the test.
struct FuzzRegressionTests {
    @Test(.timeLimit(.minutes(10)))
    func hdf5InputsOpenWalkAndReadOrThrowTypedErrors() throws {
        try FuzzRegressions.replay("FuzzHDF5", { input throws(HDF5Error) in
            let file = try HDF5File(path: input.path)
            _ = try? file.describeTree()
            var visited: Set<UInt64> = []
            try walk(try file.root, visited: &visited)
        }, checkError: { input, error in
            #expect(error.file == input.path, "\(input.name): \(error)")
        })
    }

    /// Every group once; every dataset under 64 MiB read, chunked ones also as rows and compared (as the harness does).
    func walk(_ group: HDF5Group, visited: inout Set<UInt64>) throws(HDF5Error) {
        guard visited.insert(group.address).inserted else { return }
        _ = try group.attributes()
        for link in try group.links() {
            switch try group.object(for: link) {
            case .group(let child): try walk(child, visited: &visited)
            case .dataset(let dataset):
                guard dataset.elementCount.multipliedReportingOverflow(by: max(1, dataset.datatype.size)).partialValue <= 64 << 20 else { continue }
                if dataset.datatype.isString { _ = try dataset.readStrings(); continue }
                let whole = try dataset.readRaw().bytes
                // Streaming's row reader, as the harness reads it (its errors are allowed here too),
                // must give readRaw()'s bytes when it reads every row.
                if let rows = try? HDF5ChunkedRows(dataset, cacheBytes: 1), let m = dataset.shape.first, m > 0,
                   let all = try? rows.rows(0..<m) {
                    #expect(all == whole, "HDF5ChunkedRows.rows(0..<\(m)) differs from readRaw() for \(dataset.path)")
                }
            }
        }
    }
}
