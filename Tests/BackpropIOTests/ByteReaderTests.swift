@testable import BackpropIO
import Testing

/// A context that records the shortfall, so the tests see exactly what a format's error gets.
private struct RecordingContext: ByteReaderContext {
    struct Failure: Error, Equatable { let shortfall: ByteShortfall }
    func truncated(_ shortfall: ByteShortfall) -> Failure { Failure(shortfall: shortfall) }
}

/// The shared byte reader: integers in both byte orders, bounds checks that throw the context's
/// error with where, how much and what.
@Suite struct ByteReaderTests {
    static let bytes: [UInt8] = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09]

    @Test func cursorReadsBothByteOrders() throws {
        var reader = ByteReader(Self.bytes, context: RecordingContext())
        #expect(try reader.uint8() == 0x01)
        #expect(try reader.uint16() == 0x0302)
        #expect(try reader.uint16(order: .bigEndian) == 0x0405)
        #expect(try reader.uint32(order: .bigEndian) == 0x0607_0809)
        #expect(reader.isAtEnd && reader.remaining == 0)
        reader.position = 1
        #expect(try reader.uint32() == 0x0504_0302)
        #expect(try reader.uint(size: 3) == 0x08_0706)
        reader.position = 0
        #expect(try reader.uint(size: 3, order: .bigEndian) == 0x01_0203)
        reader.position = 0
        #expect(try reader.uint64() == 0x0807_0605_0403_0201)
        #expect(Array(try reader.bytes(1)) == [0x09])
    }

    @Test func randomAccessReads() throws {
        let reader = ByteReader(Self.bytes, context: RecordingContext())
        #expect(reader.uint16(at: 7) == 0x0908)
        #expect(reader.uint32(at: 0) == 0x0403_0201)
        #expect(reader.uint64(at: 1) == 0x0908_0706_0504_0302)
        #expect(reader.uint(at: 2, size: 0) == 0)
        #expect(reader.contains(9, count: 0) && !reader.contains(9, count: 1) && !reader.contains(-1, count: 1))
        try reader.require(at: 5, count: 4, "tail")
        #expect(throws: RecordingContext.Failure(shortfall: ByteShortfall(offset: 6, count: 4, total: 9, what: "tail"))) {
            try reader.require(at: 6, count: 4, "tail")
        }
    }

    @Test func shortReadsThrowWithoutMoving() throws {
        var reader = ByteReader(Self.bytes, context: RecordingContext(), position: 7)
        #expect(throws: RecordingContext.Failure(shortfall: ByteShortfall(offset: 7, count: 4, total: 9, what: "a 32-bit integer"))) {
            try reader.uint32(order: .bigEndian)
        }
        #expect(reader.position == 7)
        #expect(throws: RecordingContext.Failure.self) { try reader.skip(3, "padding") }
        #expect(throws: RecordingContext.Failure.self) { try reader.bytes(-1) }
        try reader.skip(2)
        #expect(reader.isAtEnd)
        let shortfall = ByteShortfall(offset: 12, count: 1, total: 9, what: "a byte")
        #expect(shortfall.available == 0)
        #expect(ByteShortfall(offset: 7, count: 4, total: 9, what: "").available == 2)
    }
}
