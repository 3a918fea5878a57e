import Foundation
import Testing
import BackpropCompression
import BackpropFormats

/// Every reader sizes its buffers from what the file can hold, never from a number it merely
/// states: crafted files claiming huge sizes in a few bytes are refused with a typed error
/// before anything large is allocated. The caps are documented on the readers
/// (``PNGDecoder/maximumPixelCount``, ``JPEGDecoder/maximumPixelCount``,
/// ``SafeTensorsFile/maximumHeaderSize``, the decompression limits of ``Inflate``).
struct ResourceLimitTests {
    /// A PNG chunk: length, type, data, CRC-32 of type and data.
    func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typed + bigEndian(CRC32.checksum(typed))
    }

    func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }

    /// A PNG with the given IHDR size (8-bit RGBA) and an IDAT of 1 000 zero bytes, compressed.
    func png(width: UInt32, height: UInt32) -> [UInt8] {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let header = bigEndian(width) + bigEndian(height) + [8, 6, 0, 0, 0]
        return signature + chunk("IHDR", header) + chunk("IDAT", Zlib.compress([UInt8](repeating: 0, count: 1000))) + chunk("IEND", [])
    }

    @Test func pngClaimingMorePixelsThanTheCapIsUnsupported() {
        let error = #expect(throws: FormatError.self) { try PNGDecoder.decode(png(width: 1 << 20, height: 1 << 20), file: "big.png") }
        #expect(error?.reason == .unsupported)
        #expect(error?.description.contains("2^28 pixels") == true)
    }

    /// 16384 × 16384 RGBA is under the cap (1 GiB of pixels) but its data are 1 000 bytes: the
    /// inflater stops at what the stream holds and the decoder refuses the short data before
    /// allocating the pixel buffer.
    @Test func pngWhoseDataAreShorterThanItsSizeIsRefusedBeforeThePixelBuffer() {
        let error = #expect(throws: FormatError.self) { try PNGDecoder.decode(png(width: 16384, height: 16384), file: "short.png") }
        #expect(error?.reason == .mismatch)
        #expect(error?.file == "short.png")
    }

    /// A JPEG frame header of 65535 × 4096 pixels in three components (3 GiB of coefficients)
    /// followed by nothing: every 8×8 block needs at least one bit of data, so the decoder
    /// refuses the file before allocating the coefficients.
    @Test func jpegFrameLargerThanItsDataIsRefusedBeforeTheCoefficients() {
        var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 17, 8, 0x10, 0x00, 0xFF, 0xFF, 3]
        for id: UInt8 in 1...3 { bytes += [id, 0x11, 0] }
        bytes += [0xFF, 0xD9]
        let error = #expect(throws: FormatError.self) { try JPEGDecoder.decode(bytes, file: "frame.jpg") }
        #expect(error?.reason == .truncated)
        #expect(error?.description.contains("one per 8×8 block") == true)
    }

    @Test func jpegOverTheCapIsUnsupported() {
        let bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 11, 8, 0xFF, 0xFF, 0xFF, 0xFF, 1, 1, 0x11, 0, 0xFF, 0xD9]
        let error = #expect(throws: FormatError.self) { try JPEGDecoder.decode(bytes, file: "huge.jpg") }
        #expect(error?.reason == .unsupported)
    }

    /// A `.npy` header promising 2^40 × 2^40 float64 values: the byte count overflows and is
    /// refused; 2^20 × 2^10 float64 (8 GiB) with 16 bytes of data is a mismatch, not an allocation.
    @Test(arguments: [("(1099511627776, 1099511627776)", FormatError.Reason.invalid), ("(1048576, 1024)", .mismatch)])
    func npyShapeLargerThanTheFileIsRefused(shape: String, reason: FormatError.Reason) {
        var header = Array("{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }".utf8)
        while (10 + header.count + 1) % 64 != 0 { header.append(0x20) }
        header.append(0x0A)
        let bytes = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)] + header + [UInt8](repeating: 0, count: 16)
        let error = #expect(throws: FormatError.self) { try NumPyFile.read(bytes: bytes, file: "big.npy") }
        #expect(error?.reason == reason)
    }

    /// An IDX header of three dimensions of 2^32 − 1: refused (overflow), nothing allocated.
    @Test func idxDimensionsLargerThanTheFileAreRefused() {
        let bytes: [UInt8] = [0, 0, 0x08, 3] + [UInt8](repeating: 0xFF, count: 12) + [1, 2, 3]
        let error = #expect(throws: FormatError.self) { try IDXFile.read(bytes: bytes, file: "big-idx3-ubyte") }
        #expect(error?.reason == .invalid || error?.reason == .truncated)
        let two: [UInt8] = [0, 0, 0x08, 2, 0, 1, 0, 0, 0, 1, 0, 0, 1, 2, 3]  // 65536 × 65536 bytes promised, 3 present
        #expect(throws: FormatError.self) { try IDXFile.read(bytes: two, file: "short-idx2-ubyte") }
    }

    /// A safetensors header length of 2^60: refused before reading (cap 100 MB, and the file).
    @Test func safetensorsHeaderLongerThanTheFileIsRefused() {
        let bytes = [0, 0, 0, 0, 0, 0, 0, 0x10] + Array("{}".utf8)
        let error = #expect(throws: FormatError.self) { try SafeTensorsFile(bytes: bytes, file: "big.safetensors") }
        #expect(error?.reason == .truncated || error?.reason == .invalid)
    }

    /// A `.npz` member whose central directory claims 2^40 bytes: refused by the 2 GiB member
    /// cap before inflating.
    @Test func npzMemberClaimingMoreThanTheCapIsRefused() throws {
        var archive = NumPyArchive(arrays: [("x", NpyArray(shape: [2], values: [1.0, 2.0] as [Double]))]).encode(compressed: true)
        // Central directory entry: signature 50 4B 01 02; uncompressed size at +24 (4 bytes).
        let central = try #require((0..<archive.count - 4).first { archive[$0..<$0 + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]) })
        for k in 0..<4 { archive[central + 24 + k] = 0xFF }  // 0xFFFFFFFF: look in the ZIP64 extra field, which is absent
        #expect(throws: FormatError.self) { try NumPyArchive.read(bytes: archive, file: "big.npz") }
    }

    /// A decompression bomb (a DEFLATE stream of 258-byte matches, about 160× expansion)
    /// stops at the output limit, early in the input, with `.outputLimitExceeded`.
    @Test func inflateBombStopsAtTheLimit() throws {
        // Fixed-Huffman block: literal 0, then 50 000 × (length 258, distance 1), then end.
        var bits: [Bool] = [true, true, false]  // BFINAL = 1, BTYPE = 01 (fixed), LSB first
        func code(_ value: Int, _ count: Int) { for k in stride(from: count - 1, through: 0, by: -1) { bits.append(value >> k & 1 == 1) } }
        code(0b0011_0000, 8)  // literal 0
        for _ in 0..<50_000 { code(0b1100_0101, 8); code(0, 5) }  // symbol 285 (length 258), distance code 0 (1)
        code(0, 7)  // end of block (symbol 256)
        var stream = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
        for (i, bit) in bits.enumerated() where bit { stream[i / 8] |= 1 << (i % 8) }
        let whole = try Inflate.decompress(stream, maximumOutputCount: 13_000_000)
        #expect(whole.count == 1 + 50_000 * 258)
        let error = #expect(throws: CompressionError.self) { try Inflate.decompress(stream, maximumOutputCount: 1 << 20) }
        #expect(error?.kind == .outputLimitExceeded)
        #expect((error?.offset ?? .max) < stream.count / 8)
    }
}
