import Backprop

/// libFuzzer entry point: the input as a PNG file, decoded, and through the image loader that
/// converts it to samples and an (n, 1) column.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? PNGDecoder.decode(bytes)
    if let image = try? ImageFile.read(bytes: bytes) { _ = image.column(as: Float.self) }
    // The streaming path into a model's size (rows resampled as they are inflated).
    _ = try? ImageFile.read(bytes: bytes, file: "fuzz.png", fitting: ImageShape(width: 8, height: 8, channels: 3))
    return 0
}
