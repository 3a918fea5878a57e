import BackpropIO
import BackpropCompression

extension PNGDecoder {
    /// Decodes a PNG straight into an image of `shape`: equal, bit for bit, to
    /// `decode(bytes).image.converted(toChannels:).resized(width:height:method:)`, but rows are
    /// inflated, unfiltered and added into the resampled image one at a time, so a
    /// 16384×16384 16-bit RGBA file (2 GiB of rows) shrinks to 64×64 in a few MiB.
    ///
    /// Adam7-interlaced files deliver rows out of order and are decoded in full, within
    /// ``MemoryBudget/current``.
    ///
    /// - Throws: ``FormatError`` as ``decode(_:file:)``; `.tooLarge` when even the working
    ///   buffers (or, interlaced, the full image) do not fit the memory budget.
    static func decode(_ bytes: [UInt8], file: String, fitting shape: ImageShape, method: ResizeMethod) throws(FormatError) -> Image {
        let chunks = try readChunks(bytes, file: file)
        let header = chunks.header
        if header.interlaced {
            return try decode(bytes, file: file).image.converted(toChannels: shape.channels)
                .resized(width: shape.width, height: shape.height, method: method)
        }
        let stride = (header.width * header.bitsPerPixel + 7) / 8
        let working = MemoryBudget.sum([
            MemoryBudget.size(shape: [shape.width, shape.height, shape.channels], elementSize: 4),
            MemoryBudget.size(count: stride, elementSize: 3),
            MemoryBudget.size(shape: [header.width, header.outputChannels + shape.channels], elementSize: 4 + 2),
            1 << 21,  // the inflate window and its pieces
        ])
        if let refusal = MemoryBudget.current.refusal(bytes: working, for: "a \(header.width)-pixel PNG row and its buffers") {
            throw FormatError(refusal, file: file)
        }
        var rows = RowStream(header: header, chunks: chunks, file: file, stride: stride,
                             resampler: ImageResampler(sourceWidth: header.width, sourceHeight: header.height, channels: shape.channels,
                                                       width: shape.width, height: shape.height, method: method))
        let rawCount = header.rawByteCount
        let decodedCount: Int
        do {
            decodedCount = try chunks.compressed.withUnsafeBufferPointer { (buffer) throws(CompressionError) in
                try Zlib.decompress(UnsafeRawBufferPointer(buffer), maximumOutputCount: rawCount) { rows.consume($0) }.outputCount
            }
        } catch {
            throw rows.failure ?? FormatError(error, file: file, base: chunks.idatOffset, what: "a valid zlib stream in the IDAT chunks")
        }
        if let failure = rows.failure { throw failure }
        guard decodedCount == rawCount else {
            throw FormatError(.mismatch, file: file, at: .byte(chunks.idatOffset),
                              expected: "\(rawCount) bytes of image data", found: "\(decodedCount) bytes")
        }
        return rows.resampler.image(eightBit: rows.eightBit)
    }

    /// The rows of a non-interlaced PNG as inflate hands over its bytes: each complete row is
    /// unfiltered against the previous one, unpacked, expanded (palette, `tRNS`) and added to
    /// the resampler. The first error stops the work and is kept in ``failure``.
    struct RowStream {
        let header: Header
        let chunks: Chunks
        let file: String
        var resampler: ImageResampler
        /// The filter byte and filtered bytes of the row being received.
        var filtered: [UInt8]
        var filled = 0
        var previous: [UInt8]
        var row: [UInt8]
        var y = 0
        var eightBit = true
        var failure: FormatError?

        init(header: Header, chunks: Chunks, file: String, stride: Int, resampler: ImageResampler) {
            self.header = header
            self.chunks = chunks
            self.file = file
            self.resampler = resampler
            filtered = [UInt8](repeating: 0, count: 1 + stride)
            previous = [UInt8](repeating: 0, count: stride)
            row = previous
        }

        /// Takes the next decompressed bytes.
        mutating func consume(_ piece: UnsafeBufferPointer<UInt8>) {
            var index = 0
            while index < piece.count && failure == nil {
                let n = Swift.min(piece.count - index, filtered.count - filled)
                for i in 0..<n { filtered[filled + i] = piece[index + i] }
                filled += n
                index += n
                guard filled == filtered.count else { continue }
                filled = 0
                do {
                    try addRow()
                } catch {
                    failure = error
                }
            }
        }

        mutating func addRow() throws(FormatError) {
            guard y < header.height else { return }  // inflate's limit stops the stream here
            try PNGDecoder.unfilter(filtered[...], into: &row, previous: previous, header: header, row: y, file: file,
                                    offset: chunks.idatOffset)
            var samples = PNGDecoder.unpack(row, count: header.width * header.storedChannels, depth: header.bitDepth)
            var rowHeader = header
            rowHeader.height = 1
            let image = try PNGDecoder.expand(&samples, header: rowHeader, palette: chunks.palette,
                                              transparency: chunks.transparency, file: file).image
            if case .float = image.pixels { eightBit = false }
            resampler.add(row: image.floatSamples, channels: image.channels, eightBit: eightBit)
            swap(&previous, &row)
            y += 1
        }
    }
}
