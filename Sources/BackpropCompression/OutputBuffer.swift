/// A growable byte buffer for decoders that never grows past a caller-given limit.
///
/// Capacity starts at a caller-chosen size (already capped by the limit) and doubles on demand,
/// so no allocation is ever sized by an unchecked number from the input. Owners must call
/// ``deallocate()`` (use `defer`).
struct OutputBuffer {
    /// The most bytes this buffer may ever hold.
    let limit: Int
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes written so far.
    var count = 0

    init(limit: Int, initialCapacity: Int) {
        self.limit = limit
        capacity = max(1, min(limit, initialCapacity))
        base = .allocate(capacity: capacity)
    }

    func deallocate() { base.deallocate() }

    /// Makes room for `n` more bytes and returns where they go.
    ///
    /// - Throws: `.outputLimitExceeded` (at input byte `offset`) when `count + n` passes the limit.
    @inline(__always)
    mutating func reserve(_ n: Int, at offset: Int) throws(CompressionError) -> UnsafeMutablePointer<UInt8> {
        if n > capacity &- count {
            try grow(toHold: n, at: offset)
        }
        return base + count
    }

    mutating func grow(toHold n: Int, at offset: Int) throws(CompressionError) {
        guard n <= limit - count else {
            throw CompressionError(.outputLimitExceeded, offset: offset,
                                   "output would exceed the limit of \(limit) bytes")
        }
        let needed = count + n
        let newCapacity = min(limit, max(needed, capacity > limit / 2 ? limit : capacity * 2))
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Appends `bytes`.
    mutating func append(contentsOf bytes: UnsafeRawBufferPointer, at offset: Int) throws(CompressionError) {
        let destination = try reserve(bytes.count, at: offset)
        if let source = bytes.baseAddress, bytes.count > 0 {
            UnsafeMutableRawPointer(destination).copyMemory(from: source, byteCount: bytes.count)
        }
        count += bytes.count
    }

    /// A copy of the written bytes.
    func makeArray() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0, let destination = buffer.baseAddress {
                destination.update(from: base, count: count)
            }
            initialized = count
        }
    }
}
