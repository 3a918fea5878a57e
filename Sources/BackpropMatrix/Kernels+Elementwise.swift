import CBackpropKernels

/// The element-wise functions the kernels provide, for ``Matrix/applying(_:)`` and the fused
/// ``Matrix/addBias(_:applying:into:)``.
///
/// Double precision computes `exp`, `log` and `tanh` with the C library (within 1 ulp, the
/// functions NumPy float64 agrees with). Single precision computes `exp` (and so `sigmoid`)
/// with a SIMD polynomial on AVX-512 and AVX2 machines: at most 2 ulp from the correctly
/// rounded result for normal results (tested), results below 2⁻¹²⁶ rounded as subnormals;
/// `log` and `tanh` use the C library.
public enum ElementwiseFunction: Int32, Sendable, CaseIterable {
    /// y = x.
    case identity = 0
    /// y = 1 / (1 + e^(−x)).
    case sigmoid = 1
    /// y = max(x, 0); NaN stays NaN.
    case relu = 2
    /// y = tanh x.
    case tanh = 3
    /// y = e^x.
    case exp = 4
    /// y = ln x.
    case log = 5
}

extension Kernels {
    /// `y[i] = f(x[i])` for `i < count`; `y` may be `x`.
    @usableFromInline
    static func map<T: MatrixScalar>(
        _ function: ElementwiseFunction, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, count: Int
    ) {
        if T.self == Float.self {
            bp_map_f32(function.rawValue, f32(x), f32(y), count)
        } else {
            bp_map_f64(function.rawValue, f64(x), f64(y), count)
        }
    }

    /// The backward form of an activation from the upstream gradient and the forward input:
    /// sigmoid `dZ = dA · s · (1 − s)` with `s = σ(Z)`; relu `dZ = dA` where `Z > 0`, else 0
    /// (the course's `dZ[Z <= 0] = 0`); tanh `dZ = dA · (1 − t²)` with `t = tanh Z`;
    /// identity `dZ = dA`. `dZ` may be `dA` or `Z`.
    @usableFromInline
    static func backward<T: MatrixScalar>(
        _ function: ElementwiseFunction, dA: UnsafePointer<T>, z: UnsafePointer<T>,
        dZ: UnsafeMutablePointer<T>, count: Int
    ) {
        precondition(
            function == .sigmoid || function == .relu || function == .tanh || function == .identity,
            "Kernels.backward: no backward form for \(function)")
        if T.self == Float.self {
            bp_backward_f32(function.rawValue, f32(dA), f32(z), f32(dZ), count)
        } else {
            bp_backward_f64(function.rawValue, f64(dA), f64(z), f64(dZ), count)
        }
    }

    /// `Z[i][j] += bias[i]`, then `A[i][j] = f(Z[i][j])`, over (rows, columns) row-major
    /// buffers; `a` may be `z`, `bias` may be nil.
    @usableFromInline
    static func biasActivation<T: MatrixScalar>(
        _ function: ElementwiseFunction, z: UnsafeMutablePointer<T>, a: UnsafeMutablePointer<T>,
        bias: UnsafePointer<T>?, rows: Int, columns: Int
    ) {
        if T.self == Float.self {
            bp_bias_activation_f32(function.rawValue, f32(z), f32(a), bias.map(f32), rows, columns, columns)
        } else {
            bp_bias_activation_f64(function.rawValue, f64(z), f64(a), bias.map(f64), rows, columns, columns)
        }
    }

    /// Sums along `axis` of a (rows, columns) row-major buffer: axis 1 gives one sum per row in
    /// NumPy's pairwise order (bit-identical to `np.sum(x, axis=1)`), axis 0 one per column,
    /// rows added in order (as NumPy does).
    @usableFromInline
    static func sum<T: MatrixScalar>(
        axis: Int, _ x: UnsafePointer<T>, rows: Int, columns: Int, into out: UnsafeMutablePointer<T>
    ) {
        precondition(axis == 0 || axis == 1, "Kernels.sum: axis must be 0 or 1, got \(axis)")
        if T.self == Float.self {
            if axis == 1 { bp_sum_rows_f32(f32(x), rows, columns, columns, f32(out)) }
            else { bp_sum_columns_f32(f32(x), rows, columns, columns, f32(out)) }
        } else {
            if axis == 1 { bp_sum_rows_f64(f64(x), rows, columns, columns, f64(out)) }
            else { bp_sum_columns_f64(f64(x), rows, columns, columns, f64(out)) }
        }
    }
}

// Pointer reinterpretation for the Float/Double switches of the kernel entry points (T is known
// to be that type).
@inline(__always) func f32<T>(_ p: UnsafePointer<T>) -> UnsafePointer<Float> {
    UnsafeRawPointer(p).assumingMemoryBound(to: Float.self)
}
@inline(__always) func f32<T>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<Float> {
    UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
}
@inline(__always) func f64<T>(_ p: UnsafePointer<T>) -> UnsafePointer<Double> {
    UnsafeRawPointer(p).assumingMemoryBound(to: Double.self)
}
@inline(__always) func f64<T>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<Double> {
    UnsafeMutableRawPointer(p).assumingMemoryBound(to: Double.self)
}

extension Kernels {
    /// Whether the `count` values at `x` are all finite (`bp_all_finite_*`).
    @usableFromInline
    static func allFinite<T: MatrixScalar>(_ x: UnsafePointer<T>, count: Int) -> Bool {
        if T.self == Float.self { return bp_all_finite_f32(f32(x), count) != 0 }
        return bp_all_finite_f64(f64(x), count) != 0
    }

    /// y ← x + y over `count` values; how many sums are NaN or infinite (`bp_add_count_nonfinite_*`).
    @usableFromInline
    static func addCountingNonFinite<T: MatrixScalar>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, count: Int) -> Int {
        if T.self == Float.self { return bp_add_count_nonfinite_f32(f32(x), f32(y), count) }
        return bp_add_count_nonfinite_f64(f64(x), f64(y), count)
    }
}
