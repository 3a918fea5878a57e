/// Checksums stored in HDF5 files.
enum Checksum {
    /// Bob Jenkins' lookup3 `hashlittle` with initial value 0: the checksum of version 2/3
    /// superblocks, version 2 object headers, v2 B-tree nodes, fractal heap blocks, fixed and
    /// extensible array blocks (HDF5 specification, "Checksums"). Bytes are read as little-endian
    /// 32-bit words whatever the machine.
    static func lookup3<C: RandomAccessCollection>(_ data: C, initialValue: UInt32 = 0) -> UInt32
    where C.Element == UInt8, C.Index == Int {
        var a: UInt32 = 0xdead_beef &+ UInt32(truncatingIfNeeded: data.count) &+ initialValue
        var b = a
        var c = a
        @inline(__always) func rot(_ x: UInt32, _ k: UInt32) -> UInt32 { (x << k) | (x >> (32 - k)) }
        @inline(__always) func word(_ i: Int) -> UInt32 {
            UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16 | UInt32(data[i + 3]) << 24
        }
        var i = data.startIndex
        var remaining = data.count
        while remaining > 12 {
            a &+= word(i); b &+= word(i + 4); c &+= word(i + 8)
            // mix(a, b, c)
            a &-= c; a ^= rot(c, 4); c &+= b
            b &-= a; b ^= rot(a, 6); a &+= c
            c &-= b; c ^= rot(b, 8); b &+= a
            a &-= c; a ^= rot(c, 16); c &+= b
            b &-= a; b ^= rot(a, 19); a &+= c
            c &-= b; c ^= rot(b, 4); b &+= a
            i += 12
            remaining -= 12
        }
        if remaining == 0 { return c }
        // The last 1...12 bytes, zero-padded, added into a, b, c.
        var tail = [UInt8](repeating: 0, count: 12)
        for k in 0..<remaining { tail[k] = data[i + k] }
        func tailWord(_ k: Int) -> UInt32 {
            UInt32(tail[k]) | UInt32(tail[k + 1]) << 8 | UInt32(tail[k + 2]) << 16 | UInt32(tail[k + 3]) << 24
        }
        a &+= tailWord(0); b &+= tailWord(4); c &+= tailWord(8)
        // final(a, b, c)
        c ^= b; c &-= rot(b, 14)
        a ^= c; a &-= rot(c, 11)
        b ^= a; b &-= rot(a, 25)
        c ^= b; c &-= rot(b, 16)
        a ^= c; a &-= rot(c, 4)
        b ^= a; b &-= rot(a, 14)
        c ^= b; c &-= rot(b, 24)
        return c
    }

    /// HDF5's Fletcher-32 over big-endian 16-bit words (an odd last byte is the high byte of a
    /// final word): `sum1 = Σ w_i mod 65535`, `sum2 = Σ sum1 mod 65535`, result `sum2 << 16 | sum1`.
    static func fletcher32<C: RandomAccessCollection>(_ data: C) -> UInt32 where C.Element == UInt8, C.Index == Int {
        var sum1: UInt32 = 0
        var sum2: UInt32 = 0
        var i = data.startIndex
        var words = data.count / 2
        while words > 0 {
            let block = min(words, 360)
            words -= block
            for _ in 0..<block {
                sum1 &+= UInt32(data[i]) << 8 | UInt32(data[i + 1])
                sum2 &+= sum1
                i += 2
            }
            sum1 = (sum1 & 0xffff) &+ (sum1 >> 16)
            sum2 = (sum2 & 0xffff) &+ (sum2 >> 16)
        }
        if data.count % 2 == 1 {
            sum1 &+= UInt32(data[i]) << 8
            sum2 &+= sum1
            sum1 = (sum1 & 0xffff) &+ (sum1 >> 16)
            sum2 = (sum2 & 0xffff) &+ (sum2 >> 16)
        }
        sum1 = (sum1 & 0xffff) &+ (sum1 >> 16)
        sum2 = (sum2 & 0xffff) &+ (sum2 >> 16)
        return sum2 << 16 | sum1
    }
}
