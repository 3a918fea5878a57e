import Backprop

/// Datasets larger than this are described but not read: the reader's own cap is
/// ``HDF5Dataset/maximumReadBytes`` (4 GiB, checked by HDF5ResourceLimitTests), more than a
/// fuzzing process may allocate.
private let readLimit = 64 << 20

/// libFuzzer entry point: the input as an HDF5 file, opened from memory (the same reader and
/// range checks as a file opened by path, without a trip through the file system per input),
/// described (`backprop inspect`), and walked: every group's links and attributes, every
/// dataset read as Double, integers, strings and raw bytes, and a chunked one also as ranges of
/// rows (streaming's reader, checked against the whole read). Hard links back to a visited group
/// are not followed twice.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHDF5(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let file = try? HDF5File(bytes: bytes, name: "fuzz.h5") else { return 0 }
    _ = try? file.describeTree()
    guard let root = try? file.root else { return 0 }
    var visited: Set<UInt64> = []
    walk(root, visited: &visited, depth: 0)
    return 0
}

private func walk(_ group: HDF5Group, visited: inout Set<UInt64>, depth: Int) {
    guard depth < 32, visited.insert(group.address).inserted else { return }
    for attribute in (try? group.attributes()) ?? [] { _ = try? attribute.formattedValues() }
    for link in (try? group.links()) ?? [] {
        switch try? group.object(for: link) {
        case .group(let child): walk(child, visited: &visited, depth: depth + 1)
        case .dataset(let dataset): read(dataset)
        case nil: continue
        }
    }
    _ = try? group.object(at: "a/b/../c")
}

private func read(_ dataset: HDF5Dataset) {
    for attribute in (try? dataset.attributes()) ?? [] {
        _ = try? attribute.read(as: Double.self)
        _ = try? attribute.readStrings()
    }
    let (bytes, overflow) = dataset.elementCount.multipliedReportingOverflow(by: max(1, dataset.datatype.size))
    guard !overflow, bytes <= readLimit else { return }
    _ = try? dataset.read(as: Double.self)
    _ = try? dataset.readInt64()
    _ = try? dataset.readStrings()
    let whole = try? dataset.readRaw()
    readRows(dataset, whole: whole?.bytes)
}

/// Streaming's reader of a chunked dataset (`HDF5ChunkedRows`, with a cache of one chunk):
/// three ranges of rows; when both it and `readRaw()` read every row, they must agree byte for
/// byte (a difference is a finding).
private func readRows(_ dataset: HDF5Dataset, whole: [UInt8]?) {
    guard let rows = try? HDF5ChunkedRows(dataset, cacheBytes: 1), let m = dataset.shape.first, m > 0 else { return }
    _ = try? rows.rows((m / 2)..<m)
    _ = try? rows.rows(0..<min(m, 3))
    if let whole, let all = try? rows.rows(0..<m), all != whole {
        fatalError("HDF5ChunkedRows.rows(0..<\(m)) differs from readRaw() for \(dataset.path)")
    }
}
