import Backprop

/// libFuzzer entry point: the input as an LZF-compressed chunk (HDF5 filter 32000, h5py's
/// `compression="lzf"`), undone through `HDF5Filter.undo` with a 64 KiB chunk size; the first
/// byte, when the input has one, also picks a smaller chunk size (1 to 256 bytes), so that
/// output caps are hit too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLZF(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let lzf = HDF5Filter(id: 32000, name: "lzf", isOptional: true, parameters: [4, 261, 0])
    if let output = try? lzf.undo(bytes, elementSize: 1, expected: 1 << 16) { precondition(output.count == 1 << 16) }
    if let first = bytes.first {
        let expected = Int(first) + 1
        if let output = try? lzf.undo(Array(bytes.dropFirst()), elementSize: 1, expected: expected) { precondition(output.count == expected) }
    }
    return 0
}
