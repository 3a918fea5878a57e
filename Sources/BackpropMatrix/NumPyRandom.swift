/// A random number generator that reproduces NumPy's legacy global generator bit for bit:
/// `np.random.seed(s)` followed by `np.random.rand`, `np.random.randn` and
/// `np.random.permutation`.
///
/// The course seeds NumPy before every initialisation (`np.random.seed(1)`), so this generator
/// is what makes Backprop's weights — and therefore every cost the course prints — identical to
/// the course's. It implements:
/// - MT19937 seeded with `init_genrand(s)` (NumPy's `mt19937_seed`);
/// - doubles in [0, 1) built from two 32-bit draws as `((a >> 5) · 2^26 + (b >> 6)) / 2^53`;
/// - the legacy Gaussian: the polar Box–Muller method, which draws a pair and caches the second
///   value for the next call (`legacy_gauss`);
/// - `permutation(n)`: the legacy Fisher–Yates shuffle with bounded draws by rejection.
///
/// Arrays are filled in row-major order, as NumPy fills `randn(r, c)`.
///
/// ```swift
/// var rng = NumPyRandom(seed: 1)
/// let w = rng.randn(rows: 2, columns: 3)   // [[1.62434536 -0.61175641 -0.52817175] ...]
/// ```
public struct NumPyRandom: Sendable {
    private var state: [UInt32]
    private var position: Int
    private var cachedGaussian: Double?

    /// A generator in the state `np.random.seed(seed)` leaves NumPy's.
    public init(seed: UInt32) {
        var key = [UInt32](repeating: 0, count: 624)
        var s = seed
        for i in 0..<624 {
            key[i] = s
            s = 1_812_433_253 &* (s ^ (s >> 30)) &+ UInt32(i + 1)
        }
        state = key
        position = 624
        cachedGaussian = nil
    }

    /// The next raw 32-bit output of MT19937 (`genrand_int32`).
    public mutating func nextUInt32() -> UInt32 {
        if position >= 624 { twist() }
        var y = state[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    private mutating func twist() {
        let upper: UInt32 = 0x8000_0000, lower: UInt32 = 0x7fff_ffff, matrixA: UInt32 = 0x9908_b0df
        for i in 0..<624 {
            let y = (state[i] & upper) | (state[(i + 1) % 624] & lower)
            var next = state[(i + 397) % 624] ^ (y >> 1)
            if y & 1 != 0 { next ^= matrixA }
            state[i] = next
        }
        position = 0
    }

    /// A double uniform on [0, 1) with 53 random bits (`np.random.random_sample`).
    public mutating func nextDouble() -> Double {
        let a = nextUInt32() >> 5, b = nextUInt32() >> 6
        return (Double(a) * 67_108_864.0 + Double(b)) / 9_007_199_254_740_992.0
    }

    /// A standard normal draw by NumPy's legacy polar method (`legacy_gauss`).
    public mutating func nextGaussian() -> Double {
        if let cached = cachedGaussian {
            cachedGaussian = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2.0 * nextDouble() - 1.0
            x2 = 2.0 * nextDouble() - 1.0
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1.0 || r2 == 0.0
        let f = (-2.0 * LibM.log(r2) / r2).squareRoot()
        cachedGaussian = f * x1
        return f * x2
    }

    /// A uniform integer in 0...max by masked rejection (NumPy's `random_interval`).
    public mutating func nextInterval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        var mask = max
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4
        mask |= mask >> 8; mask |= mask >> 16; mask |= mask >> 32
        if max <= 0xffff_ffff {
            while true {
                let value = UInt64(nextUInt32()) & mask
                if value <= max { return value }
            }
        }
        while true {
            let value = ((UInt64(nextUInt32()) << 32) | UInt64(nextUInt32())) & mask
            if value <= max { return value }
        }
    }

    /// A (rows, columns) matrix of standard normal draws, filled row by row
    /// (`np.random.randn(rows, columns)`).
    public mutating func randn<T: MatrixScalar>(rows: Int, columns: Int, as type: T.Type = Double.self) -> Matrix<T> {
        Matrix(rows: rows, columns: columns) { _, _ in T(nextGaussian()) }
    }

    /// A (rows, columns) matrix of draws uniform on [0, 1), filled row by row
    /// (`np.random.rand(rows, columns)`).
    public mutating func rand<T: MatrixScalar>(rows: Int, columns: Int, as type: T.Type = Double.self) -> Matrix<T> {
        Matrix(rows: rows, columns: columns) { _, _ in T(nextDouble()) }
    }

    /// A random permutation of `0..<count` (`np.random.permutation(count)`): NumPy's legacy
    /// shuffle, swapping position i with a uniform j in 0...i for i from count-1 down to 1.
    public mutating func permutation(_ count: Int) -> [Int] {
        var values = Array(0..<Swift.max(count, 0))
        var i = values.count - 1
        while i >= 1 {
            let j = Int(nextInterval(UInt64(i)))
            values.swapAt(i, j)
            i -= 1
        }
        return values
    }
}
