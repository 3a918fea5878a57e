import Backprop

/// libFuzzer entry point: the input as a safetensors file, every tensor converted to Double
/// and to a Float matrix.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let file = try? SafeTensorsFile(bytes: bytes) else { return 0 }
    for tensor in file.tensors {
        _ = try? tensor.doubles()
        _ = try? tensor.integers()
        _ = try? tensor.matrix(Float.self)
    }
    return 0
}
