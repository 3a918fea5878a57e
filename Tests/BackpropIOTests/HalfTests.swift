@testable import BackpropIO
import Testing

/// Half-precision decoding, every one of the 65 536 bit patterns against Swift's own `Float16`.
@Suite struct HalfTests {
    @Test func everyBitPatternMatchesFloat16() {
        #if arch(x86_64) || arch(arm64)
        for bits in UInt16.min...UInt16.max {
            let reference = Float(Float16(bitPattern: bits))
            let value = halfToFloat(bits)
            if reference.isNaN {
                #expect(value.isNaN, "0x\(String(bits, radix: 16))")
            } else {
                #expect(value.bitPattern == reference.bitPattern, "0x\(String(bits, radix: 16))")
            }
        }
        #endif
    }

    @Test func landmarks() {
        #expect(halfToFloat(0x3c00) == 1)
        #expect(halfToFloat(0xc000) == -2)
        #expect(halfToFloat(0x7bff) == 65504)
        #expect(halfToFloat(0x0001) == 0x1p-24)
        #expect(halfToFloat(0x7c00) == .infinity && halfToFloat(0xfc00) == -.infinity)
        #expect(halfToFloat(0x7e00).isNaN)
    }
}
