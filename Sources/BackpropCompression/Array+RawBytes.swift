extension Array where Element == UInt8 {
    /// `withUnsafeBytes` with a typed `CompressionError` (the standard library's version is
    /// `rethrows`, which erases the error type).
    @inline(__always)
    func withRawBytes<Result>(
        _ body: (UnsafeRawBufferPointer) throws(CompressionError) -> Result
    ) throws(CompressionError) -> Result {
        try withUnsafeBufferPointer { (buffer) throws(CompressionError) in
            try body(UnsafeRawBufferPointer(buffer))
        }
    }
}
