import Backprop

/// libFuzzer entry point: the input as a ZIP archive (every member extracted, 16 MiB cap) and
/// as a NumPy `.npz` archive (every array converted to Double).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZip(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    if let archive = try? ZipArchive(bytes: bytes) {
        for entry in archive.entries { _ = try? archive.contents(of: entry.name, maximumOutputCount: 16 << 20) }
    }
    if let archive = try? NumPyArchive.read(bytes: bytes) {
        for (_, array) in archive.arrays { _ = try? array.matrix(as: Double.self) }
    }
    return 0
}
