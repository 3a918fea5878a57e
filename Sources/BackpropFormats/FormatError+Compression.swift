import BackpropCompression
import BackpropIO

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

/// The most bytes a decompressor may produce for one input: its documented cap, or the
/// ``MemoryBudget`` in force when that is smaller. Decoders stop *while inflating* at this
/// many bytes, so a bomb never allocates more.
func decompressionLimit(documented: Int) -> Int {
    Swift.min(documented, MemoryBudget.current.bytes)
}

/// The error for output that passed ``decompressionLimit(documented:)``: `.tooLarge` naming the
/// budget when the budget was the smaller limit, else the decoder's own error.
func decompressionError(_ error: CompressionError, file: String, documented: Int, what: String, base: Int = 0) -> FormatError {
    let budget = MemoryBudget.current.bytes
    guard error.kind == .outputLimitExceeded, budget < documented else {
        return FormatError(error, file: file, base: base, what: what)
    }
    return FormatError(.tooLarge, file: file, at: .byte(base + error.offset),
                       expected: "at most \(MemoryBudget.format(bytes: budget)) (the memory budget) of \(what)",
                       found: "data decompressing past \(MemoryBudget.format(bytes: budget))")
}

/// Returns `bytes`, gunzipped first when they start with the gzip magic; MNIST files come both
/// ways. The output stops at `limit` (2 GiB) or the ``MemoryBudget``, whichever is smaller.
func gunzipIfNeeded(_ bytes: [UInt8], file: String, limit: Int = 1 << 31) throws(FormatError) -> [UInt8] {
    guard Gzip.isGzip(bytes) else { return bytes }
    do {
        return try Gzip.decompress(bytes, maximumOutputCount: decompressionLimit(documented: limit))
    } catch {
        throw decompressionError(error, file: file, documented: limit, what: "a valid gzip stream")
    }
}
