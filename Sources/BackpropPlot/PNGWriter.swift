import BackpropIO
import BackpropCompression

/// Encodes `Image`s as PNG files (ISO/IEC 15948), with no dependency but our own zlib.
///
/// Layout of the output:
///
///     89 50 4E 47 0D 0A 1A 0A                 signature
///     [length][IHDR][13 bytes][CRC-32]        width, height (big-endian), bit depth 8,
///                                             colour type 0/4/2/6, compression 0, filter 0, interlace 0
///     [length][IDAT][zlib stream][CRC-32]     filtered scanlines, each prefixed by its filter byte
///     [length][IEND][][CRC-32]
///
/// Each chunk's CRC covers its type and data. Each scanline gets the filter (None, Sub, Up,
/// Average, Paeth) whose output has the smallest sum of absolute values when read as signed
/// bytes — libpng's "minimum sum of absolute differences" heuristic — see
/// ``PNGWriter/filterScanlines(_:)``.
public enum PNGWriter {
    /// The eight bytes every PNG file starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The complete PNG file for `image`.
    ///
    /// - Parameters:
    ///   - image: grey, grey + alpha, RGB or RGBA pixels; float samples are written as 8-bit
    ///     (`Image/uint8Samples`).
    ///   - level: zlib compression level, 0 (stored) ... 9 (smallest); passed to `Zlib.compress`.
    /// - Returns: the file's bytes.
    public static func encode(_ image: Image, level: Int = 6) -> [UInt8] {
        encode(image, level: level, idatChunkSize: 1 << 20)
    }

    /// ``encode(_:level:)`` with the zlib stream split into IDAT chunks of at most `idatChunkSize`
    /// bytes (1 MiB in the public API, far below PNG's 2^31 − 1 limit; small sizes are for tests).
    static func encode(_ image: Image, level: Int, idatChunkSize: Int) -> [UInt8] {
        var header: [UInt8] = []
        header.reserveCapacity(13)
        appendBigEndian(UInt32(image.width), to: &header)
        appendBigEndian(UInt32(image.height), to: &header)
        header += [8, colorType(channels: image.channels), 0, 0, 0]

        let compressed = Zlib.compress(filterScanlines(image), level: level)

        var file = signature
        file.reserveCapacity(compressed.count + 64)
        appendChunk("IHDR", header, to: &file)
        let chunkSize = max(1, idatChunkSize)
        var start = 0
        repeat {
            let end = min(start + chunkSize, compressed.count)
            appendChunk("IDAT", Array(compressed[start..<end]), to: &file)
            start = end
        } while start < compressed.count
        appendChunk("IEND", [], to: &file)
        return file
    }

    /// Writes `image` as a PNG file at `path`, atomically and durably: the bytes go to a temporary
    /// file in the same folder, are flushed to disk, and the file is renamed over `path`, so a
    /// reader never sees half a file (`AtomicFile/write(_:to:)`).
    ///
    /// - Throws: ``PlotError/writeFailed(path:reason:)`` when the folder is not writable.
    public static func write(_ image: Image, to path: String, level: Int = 6) throws(PlotError) {
        try PlotError.write(encode(image, level: level), to: path)
    }

    /// The PNG colour type stored in IHDR for `channels` 8-bit samples per pixel: 0 (grey),
    /// 4 (grey with alpha), 2 (truecolour) or 6 (truecolour with alpha).
    public static func colorType(channels: Int) -> UInt8 {
        switch channels {
        case 1: 0
        case 2: 4
        case 3: 2
        default: 6
        }
    }

    /// Appends one chunk: 4-byte big-endian data length, 4-byte type, data, CRC-32 of type + data.
    static func appendChunk(_ type: String, _ data: [UInt8], to file: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        precondition(typeBytes.count == 4, "PNG chunk type must be 4 ASCII bytes, got '\(type)'")
        appendBigEndian(UInt32(data.count), to: &file)
        var crc = CRC32()
        crc.update(typeBytes)
        crc.update(data)
        file += typeBytes
        file += data
        appendBigEndian(crc.value, to: &file)
    }

    static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)]
    }
}
