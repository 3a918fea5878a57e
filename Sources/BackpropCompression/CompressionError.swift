/// An error thrown while decoding a compressed stream or archive.
///
/// Every decoder in this module throws this one type (Swift typed throws), so callers can
/// switch on ``kind`` without casting. The ``description`` names the format, the byte offset
/// in the input where the problem was found, and what was found there, for example
/// `DEFLATE: invalid data at byte 17: invalid block type 3`.
///
/// Decoders never crash on malformed input: every read is bounds-checked and every
/// allocation is capped by the caller's output limit and the input size.
public struct CompressionError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, coarsely; match on this in code.
    public enum Kind: Sendable, Equatable, CustomStringConvertible {
        /// The input ended before the stream was complete.
        case truncated
        /// The input violates the format (bad header, bad Huffman table, bad distance...).
        case invalidData
        /// A CRC-32, Adler-32 or length check did not match the decoded data.
        case checksumMismatch
        /// Decoding would produce more bytes than the caller's `maximumOutputCount`.
        case outputLimitExceeded
        /// The input uses a valid feature this module does not implement (preset dictionary,
        /// encryption, a compression method other than stored/deflate...).
        case unsupported

        /// A short phrase for messages, e.g. `checksum mismatch`.
        public var description: String {
            switch self {
            case .truncated: "truncated input"
            case .invalidData: "invalid data"
            case .checksumMismatch: "checksum mismatch"
            case .outputLimitExceeded: "output limit exceeded"
            case .unsupported: "unsupported feature"
            }
        }
    }

    /// What went wrong, coarsely.
    public var kind: Kind
    /// The byte offset in the input (the whole input handed to the public entry point) where the
    /// problem was detected.
    public var offset: Int
    /// What was expected and what was found.
    public var message: String
    /// The format being decoded: `DEFLATE`, `zlib`, `gzip` or `ZIP`.
    public var format: String

    /// Creates an error; `format` names the container being decoded.
    public init(_ kind: Kind, offset: Int, _ message: String, format: String = "DEFLATE") {
        self.kind = kind
        self.offset = offset
        self.message = message
        self.format = format
    }

    /// `<format>: <kind> at byte <offset>: <message>`.
    public var description: String {
        "\(format): \(kind) at byte \(offset): \(message)"
    }

    /// The same error re-labelled for an enclosing container whose payload starts at `base`.
    func relocated(by base: Int, format newFormat: String? = nil) -> CompressionError {
        var copy = self
        copy.offset += base
        if let newFormat { copy.format = newFormat }
        return copy
    }
}
