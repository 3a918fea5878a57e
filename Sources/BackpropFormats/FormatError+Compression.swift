import BackpropCompression

extension FormatError {
    /// A ``FormatError`` for a compressed stream that failed to decode, at `base` plus the
    /// stream's own offset in `file`.
    init(_ error: CompressionError, file: String, base: Int = 0, what: String) {
        let reason: Reason = switch error.kind {
        case .truncated: .truncated
        case .unsupported: .unsupported
        case .outputLimitExceeded: .mismatch
        case .invalidData, .checksumMismatch: .invalid
        }
        self.init(reason, file: file, at: .byte(base + error.offset), expected: what, found: "\(error)")
    }
}

/// Returns `bytes`, gunzipped first when they start with the gzip magic; MNIST files come both
/// ways.
func gunzipIfNeeded(_ bytes: [UInt8], file: String, limit: Int = 1 << 31) throws(FormatError) -> [UInt8] {
    guard Gzip.isGzip(bytes) else { return bytes }
    do {
        return try Gzip.decompress(bytes, maximumOutputCount: limit)
    } catch {
        throw FormatError(error, file: file, what: "a valid gzip stream")
    }
}
