import Backprop

/// libFuzzer entry point: an n-bit chunk (HDF5 filter 5) behind 4 bytes that give the filter's
/// parameters, undone through `HDF5Filter.undo` (chunk size: count × size).
///
/// ```
/// [0]  bits 0-2 element size - 1 (1 to 8 bytes), bit 3 big-endian,
///      bits 4-5 class (0 and 1 atomic, 2 array, 3 compound), bit 6 "nothing to do" flag,
///      bit 7 one parameter fewer than the first says
/// [1]  precision in bits (any byte: 0 and too many are refused)
/// [2]  offset in bits (any byte)
/// [3]  element count - 1 (1 to 256)
/// [4...] the chunk
/// ```
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNBit(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard bytes.count >= 4 else { return 0 }
    let flags = bytes[0]
    let elementSize = Int(flags & 7) + 1
    let count = Int(bytes[3]) + 1
    var parameters: [UInt32] = [8, UInt32(flags >> 6 & 1), UInt32(count), UInt32(max(1, flags >> 4 & 3)), UInt32(elementSize),
                                UInt32(flags >> 3 & 1), UInt32(bytes[1]), UInt32(bytes[2])]
    if flags & 0x80 != 0 { parameters.removeLast() }
    let filter = HDF5Filter(id: 5, name: "nbit", isOptional: false, parameters: parameters)
    let expected = count * elementSize
    if let output = try? filter.undo(Array(bytes[4...]), elementSize: elementSize, expected: expected) {
        precondition(output.count == expected)
    }
    return 0
}
