import Backprop

/// libFuzzer entry point: a scale-offset chunk (HDF5 filter 6) behind 11 bytes that give the
/// filter's 20 parameters, undone through `HDF5Filter.undo` (chunk size: count × size).
///
/// ```
/// [0]  bit 0 float, bit 1 signed, bit 2 big-endian, bit 3 fill value defined,
///      bits 4-5 size (integers 1, 2, 4, 8 bytes; floats 4 or 8 by bit 4),
///      bit 6 the element count disagrees with the chunk size (one more element),
///      bit 7 scale type from byte 1's low 2 bits (else HDF5's: 0 floats, 2 integers)
/// [1]  scale factor as Int8 (D for floats, fixed minbits for integers)
/// [2]  element count - 1 (1 to 256)
/// [3..<11] fill value, little-endian
/// [11...]  the chunk
/// ```
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScaleOffset(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard bytes.count >= 11 else { return 0 }
    let flags = bytes[0]
    let isFloat = flags & 1 != 0
    let elementSize = isFloat ? (flags & 0x10 != 0 ? 8 : 4) : [1, 2, 4, 8][Int(flags >> 4) & 3]
    let count = Int(bytes[2]) + 1
    let scaleType: UInt32 = flags & 0x80 != 0 ? UInt32(bytes[1] & 3) : (isFloat ? 0 : 2)
    var parameters: [UInt32] = [scaleType, UInt32(bitPattern: Int32(Int8(bitPattern: bytes[1]))), UInt32(count),
                                isFloat ? 1 : 0, UInt32(elementSize), UInt32(flags >> 1 & 1), UInt32(flags >> 2 & 1), UInt32(flags >> 3 & 1)]
    for k in 0..<2 {
        parameters.append((0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[3 + 4 * k + $1]) << (8 * UInt32($1)) })
    }
    parameters += Array(repeating: 0, count: 10)
    let filter = HDF5Filter(id: 6, name: "scaleoffset", isOptional: false, parameters: parameters)
    let expected = (count + (flags & 0x40 != 0 ? 1 : 0)) * elementSize
    if let output = try? filter.undo(Array(bytes[11...]), elementSize: elementSize, expected: expected) {
        precondition(output.count == expected)
    }
    return 0
}
