/// A fast, seeded, general-purpose random number generator (xoshiro256**, seeded through
/// SplitMix64), for everything that need not match NumPy: shuffles, dropout masks, data sets.
///
/// The same seed gives the same sequence on every platform and run. It conforms to
/// `RandomNumberGenerator`, so Swift's own `Int.random(in:using:)` and `shuffle(using:)` work
/// with it.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9e37_79b9_7f4a_7c15
            var z = x
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A double uniform on [0, 1) with 53 random bits.
    public mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A standard normal draw (Box–Muller on two uniform doubles).
    public mutating func nextGaussian() -> Double {
        let u1 = 1.0 - nextDouble()   // (0, 1]: log is finite
        let u2 = nextDouble()
        return (-2.0 * LibM.log(u1)).squareRoot() * _cos(2.0 * Double.pi * u2)
    }

    /// A (rows, columns) matrix of standard normal draws, filled row by row.
    public mutating func normal<T: MatrixScalar>(rows: Int, columns: Int, as type: T.Type = T.self) -> Matrix<T> {
        Matrix(rows: rows, columns: columns) { _, _ in T(nextGaussian()) }
    }

    /// A (rows, columns) matrix of draws uniform on [low, high), filled row by row.
    public mutating func uniform<T: MatrixScalar>(
        rows: Int, columns: Int, in low: T = 0, _ high: T = 1, as type: T.Type = T.self
    ) -> Matrix<T> {
        Matrix(rows: rows, columns: columns) { _, _ in low + (high - low) * T(nextDouble()) }
    }
}
