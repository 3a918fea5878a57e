import Backprop

/// libFuzzer entry point: the input as a `.npy` file, converted to Double values, integers and
/// a matrix.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNpy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let array = try? NumPyFile.read(bytes: bytes) else { return 0 }
    _ = array.values(as: Double.self)
    _ = try? array.integers()
    _ = try? array.matrix(as: Float.self)
    return 0
}
