import BackpropIO

/// The ``ByteReader`` context of the container parsers (ZIP): a read past the end becomes a
/// ``CompressionError`` of kind `.truncated` naming the container.
struct CompressionReadContext: ByteReaderContext {
    /// The container being read, for messages ("ZIP").
    let format: String

    func truncated(_ shortfall: ByteShortfall) -> CompressionError {
        CompressionError(.truncated, offset: max(0, min(shortfall.offset, shortfall.total)),
                         "\(shortfall.what) (\(shortfall.count) bytes at byte \(shortfall.offset)) runs past the end of the \(shortfall.total)-byte input",
                         format: format)
    }
}

extension ByteReader where Context == CompressionReadContext {
    /// A reader over a container's bytes; errors name `format`.
    init(bytes: [UInt8], format: String) {
        self.init(bytes, context: CompressionReadContext(format: format))
    }
}
