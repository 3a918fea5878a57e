/// What a ``ByteReader`` needs from the format that uses it: the name of the input for its
/// messages, and how to turn a read past the end into that format's own typed error.
///
/// Each reader of this package (ZIP, npy, IDX, PNG, JPEG, HDF5) has a context that names its file
/// and builds its error, so a short file is reported in that format's words, with the file name
/// and byte offset, and the reader itself never traps.
package protocol ByteReaderContext {
    /// The error the format throws (`CompressionError`, `FormatError`, `HDF5Error`).
    associatedtype Failure: Error
    /// The error for a read that needs more bytes than the input holds.
    func truncated(_ shortfall: ByteShortfall) -> Failure
}

/// A read that ran past the end of the bytes: where it started, how much it needed and how much
/// there was.
package struct ByteShortfall: Sendable, Equatable {
    /// The index in ``ByteReader/bytes`` where the read starts.
    package var offset: Int
    /// The bytes the read needs.
    package var count: Int
    /// The size of the whole input (``ByteReader/bytes``).
    package var total: Int
    /// What was being read, in words ("a 32-bit integer", "local header of 'x.npy'").
    package var what: String

    /// The bytes from ``offset`` to the end of the input, at least 0.
    package var available: Int { Swift.max(0, total - Swift.max(offset, 0)) }
}

/// The order of the bytes of an integer in a file.
package enum ByteOrder: Sendable {
    /// Least significant byte first (ZIP, npy, HDF5).
    case littleEndian
    /// Most significant byte first (PNG, JPEG, IDX).
    case bigEndian
}

/// Bounds-checked reads from an array of bytes, for every binary format of the package: a cursor
/// (``position``, advanced by each read) plus random-access reads at an offset. Every read checks
/// the length first and throws the context's typed error instead of trapping.
///
/// Integers are little-endian unless read with ``ByteOrder/bigEndian`` (JPEG, PNG and IDX are
/// big-endian; ZIP, npy and HDF5 little-endian).
package struct ByteReader<Context: ByteReaderContext> {
    /// The input.
    package let bytes: [UInt8]
    /// Names the input and builds its errors.
    package let context: Context
    /// The index of the next byte a cursor read returns.
    package var position: Int

    /// A reader over `bytes` whose cursor starts at `position`.
    @inlinable
    package init(_ bytes: [UInt8], context: Context, position: Int = 0) {
        self.bytes = bytes
        self.context = context
        self.position = position
    }

    /// The bytes after ``position`` (negative when a caller placed the cursor past the end).
    @inlinable package var remaining: Int { bytes.count - position }
    /// Whether the cursor has reached the end.
    @inlinable package var isAtEnd: Bool { position >= bytes.count }

    // MARK: Random access

    /// Whether `count` bytes starting at `offset` lie inside the input.
    @inlinable
    package func contains(_ offset: Int, count: Int) -> Bool {
        offset >= 0 && count >= 0 && offset <= bytes.count && count <= bytes.count - offset
    }

    /// Throws the context's truncation error unless `count` bytes at `offset` lie inside the input.
    @inlinable
    package func require(at offset: Int, count: Int, _ what: @autoclosure () -> String) throws(Context.Failure) {
        guard contains(offset, count: count) else {
            throw context.truncated(ByteShortfall(offset: offset, count: count, total: bytes.count, what: what()))
        }
    }

    /// The unsigned little-endian integer of `size` (0...8) bytes at `offset`; the caller has
    /// checked the bounds (``require(at:count:_:)``).
    @inlinable
    package func uint(at offset: Int, size: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in stride(from: size - 1, through: 0, by: -1) {
            value = value << 8 | UInt64(bytes[offset + index])
        }
        return value
    }

    /// The little-endian 16-bit integer at `offset` (bounds checked by the caller).
    @inlinable package func uint16(at offset: Int) -> UInt16 { UInt16(truncatingIfNeeded: uint(at: offset, size: 2)) }
    /// The little-endian 32-bit integer at `offset` (bounds checked by the caller).
    @inlinable package func uint32(at offset: Int) -> UInt32 { UInt32(truncatingIfNeeded: uint(at: offset, size: 4)) }
    /// The little-endian 64-bit integer at `offset` (bounds checked by the caller).
    @inlinable package func uint64(at offset: Int) -> UInt64 { uint(at: offset, size: 8) }

    // MARK: Cursor

    /// Throws the context's truncation error unless `count` more bytes follow ``position``.
    @inlinable
    package func require(_ count: Int, _ what: @autoclosure () -> String = "data") throws(Context.Failure) {
        guard count >= 0, count <= remaining else {
            throw context.truncated(ByteShortfall(offset: position, count: count, total: bytes.count, what: what()))
        }
    }

    /// Moves the cursor `count` bytes on.
    @inlinable
    package mutating func skip(_ count: Int, _ what: @autoclosure () -> String = "data") throws(Context.Failure) {
        try require(count, what())
        position += count
    }

    /// The next `count` bytes.
    @inlinable
    package mutating func bytes(_ count: Int, _ what: @autoclosure () -> String = "data") throws(Context.Failure) -> ArraySlice<UInt8> {
        try require(count, what())
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    /// The next byte.
    @inlinable
    package mutating func uint8(_ what: @autoclosure () -> String = "a byte") throws(Context.Failure) -> UInt8 {
        try require(1, what())
        defer { position += 1 }
        return bytes[position]
    }

    /// The next `size` (0...8) bytes as an unsigned integer in `order`.
    @inlinable
    package mutating func uint(size: Int, _ what: @autoclosure () -> String = "an integer",
                               order: ByteOrder = .littleEndian) throws(Context.Failure) -> UInt64 {
        precondition((0...8).contains(size), "ByteReader.uint: \(size) bytes, expected 0...8")
        try require(size, what())
        defer { position += size }
        guard order == .bigEndian else { return uint(at: position, size: size) }
        var value: UInt64 = 0
        for index in position..<(position + size) { value = value << 8 | UInt64(bytes[index]) }
        return value
    }

    /// The next 2 bytes as an integer in `order`.
    @inlinable
    package mutating func uint16(_ what: @autoclosure () -> String = "a 16-bit integer",
                                 order: ByteOrder = .littleEndian) throws(Context.Failure) -> UInt16 {
        UInt16(truncatingIfNeeded: try uint(size: 2, what(), order: order))
    }

    /// The next 4 bytes as an integer in `order`.
    @inlinable
    package mutating func uint32(_ what: @autoclosure () -> String = "a 32-bit integer",
                                 order: ByteOrder = .littleEndian) throws(Context.Failure) -> UInt32 {
        UInt32(truncatingIfNeeded: try uint(size: 4, what(), order: order))
    }

    /// The next 8 bytes, little-endian.
    @inlinable
    package mutating func uint64(_ what: @autoclosure () -> String = "a 64-bit integer") throws(Context.Failure) -> UInt64 {
        try uint(size: 8, what())
    }
}
