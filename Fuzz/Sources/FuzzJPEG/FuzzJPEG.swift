import Backprop

/// libFuzzer entry point: the input as a JPEG file (baseline and progressive, EXIF
/// orientation), decoded and converted to an (n, 1) column.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJPEG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    if let image = try? JPEGDecoder.decode(bytes) { _ = image.column(as: Float.self) }
    return 0
}
