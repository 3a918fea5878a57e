import Backprop

/// libFuzzer entry point: the input as a raw DEFLATE stream, a zlib stream and a gzip file,
/// each with a 16 MiB output cap (the decompression-bomb limit under test).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInflate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let cap = 16 << 20
    if let output = try? Inflate.decompress(bytes, maximumOutputCount: cap) { precondition(output.count <= cap) }
    if let output = try? Zlib.decompress(bytes, maximumOutputCount: cap) { precondition(output.count <= cap) }
    if let output = try? Gzip.decompress(bytes, maximumOutputCount: cap) { precondition(output.count <= cap) }
    return 0
}
