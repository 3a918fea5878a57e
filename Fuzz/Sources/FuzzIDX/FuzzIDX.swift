import Backprop

/// libFuzzer entry point: the input as an IDX file (MNIST's format), converted to Double.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let array = try? IDXFile.read(bytes: bytes) else { return 0 }
    _ = array.values(as: Double.self)
    return 0
}
