/// A growable byte buffer for decoders that never grows past a caller-given limit.
///
/// Capacity starts at a caller-chosen size (already capped by the limit) and doubles on demand,
/// so no allocation is ever sized by an unchecked number from the input. Owners must call
/// ``deallocate()`` (use `defer`).
///
/// A streaming buffer (``init(limit:sink:)``) keeps only the last ``window`` bytes (all a
/// DEFLATE distance can reach) and hands older bytes to its sink whenever it would grow, so
/// decoding 2 GiB takes about 1 MiB; ``finish()`` hands over the rest.
struct OutputBuffer {
    /// The most bytes this buffer may ever hold (streaming: the most bytes ever decoded).
    let limit: Int
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes written and still held.
    var count = 0
    /// Bytes already handed to ``sink`` and dropped (0 unless streaming).
    private(set) var flushedCount = 0
    /// Receives the oldest bytes of a streaming buffer, in order.
    private let sink: ((UnsafeBufferPointer<UInt8>) -> Void)?

    /// The history a streaming buffer keeps: DEFLATE's largest distance, 32 KiB.
    static let window = 32768

    init(limit: Int, initialCapacity: Int) {
        self.limit = limit
        capacity = max(1, min(limit, initialCapacity))
        base = .allocate(capacity: capacity)
        sink = nil
    }

    /// A streaming buffer of ``window`` + 1 MiB that passes its bytes to `sink`.
    init(limit: Int, sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        self.limit = limit
        capacity = max(1, min(limit, Self.window + (1 << 20)))
        base = .allocate(capacity: capacity)
        self.sink = sink
    }

    /// Every byte decoded so far, handed over or held.
    var totalCount: Int { flushedCount + count }

    /// Hands every held byte to the sink (streaming buffers only).
    ///
    /// - Throws: `.outputLimitExceeded` (at input byte `offset`) when more than `limit` bytes
    ///   were decoded: writes that fit the held capacity are checked here, not as they happen.
    mutating func finish(at offset: Int) throws(CompressionError) {
        try checkTotal(at: offset)
        guard let sink, count > 0 else { return }
        sink(UnsafeBufferPointer(start: base, count: count))
        flushedCount += count
        count = 0
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
        guard n <= limit - totalCount else {
            throw CompressionError(.outputLimitExceeded, offset: offset,
                                   "output would exceed the limit of \(limit) bytes")
        }
        if let sink, count > Self.window {
            try checkTotal(at: offset)
            // Hand over all but the window and move the window to the front (regions may overlap).
            let dropped = count - Self.window
            sink(UnsafeBufferPointer(start: base, count: dropped))
            UnsafeMutableRawPointer(base).copyMemory(from: base + dropped, byteCount: Self.window)
            flushedCount += dropped
            count = Self.window
            if n <= capacity - count { return }
        }
        let needed = count + n
        let newCapacity = min(limit, max(needed, capacity > limit / 2 ? limit : capacity * 2))
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    func checkTotal(at offset: Int) throws(CompressionError) {
        guard totalCount <= limit else {
            throw CompressionError(.outputLimitExceeded, offset: offset, "output would exceed the limit of \(limit) bytes")
        }
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
