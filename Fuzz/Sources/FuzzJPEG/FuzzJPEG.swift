import Backprop

/// libFuzzer entry point: the input as a JPEG file (baseline and progressive, EXIF
/// orientation), decoded and converted to an (n, 1) column.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJPEG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    if let image = try? JPEGDecoder.decode(bytes) { _ = image.column(as: Float.self) }
    // The streaming path into a model's size (output rows resampled as they are made).
    _ = try? ImageFile.read(bytes: bytes, file: "fuzz.jpg", fitting: ImageShape(width: 8, height: 8, channels: 3))
    return 0
}
