#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// The element types a ``Matrix`` can hold: `Float` and `Double`.
///
/// The protocol gathers the elementary functions that generic matrix code needs (`exp`, `log`,
/// `tanh`, `sqrt`) and the hooks through which the matrix core reaches the compute kernels.
/// Every public generic function of Backprop is `@inlinable`, so calls are specialised for
/// `Float` and `Double` and no value is boxed.
///
/// Only `Float` and `Double` conform; the underscored requirements are implementation hooks, not
/// API.
public protocol MatrixScalar: BinaryFloatingPoint, Sendable, CustomStringConvertible, LosslessStringConvertible
where RawSignificand: FixedWidthInteger {
    /// e raised to `x`.
    static func exp(_ x: Self) -> Self
    /// The natural logarithm of `x`.
    static func log(_ x: Self) -> Self
    /// The hyperbolic tangent of `x`.
    static func tanh(_ x: Self) -> Self
    /// `x` raised to `y`.
    static func pow(_ x: Self, _ y: Self) -> Self
    /// `log(1 + x)`, accurate for small `x`.
    static func log1p(_ x: Self) -> Self

    /// The matrix-product kernel: `C = alpha · op(A) · op(B) + beta · C` on row-major buffers,
    /// where `op(X)` is `X` or its transpose (taken by stride, never copied). `op(A)` is (m, k),
    /// `op(B)` is (k, n) and `C` is (m, n); `lda`, `ldb`, `ldc` are the row strides of the
    /// buffers as stored. Not API: use ``Matrix`` products.
    static func _gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension MatrixScalar {
    /// The matrix-product kernel of `Float` and `Double`: ``Kernels`` picks `bp_sgemm` or
    /// `bp_dgemm`. Not API: use ``Matrix`` products.
    public static func _gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int
    ) {
        Kernels.gemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
            alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}

/// `Float` as a matrix element: C `expf`, `logf`, … and the single-precision kernels.
extension Float: MatrixScalar {
    @inlinable @inline(__always) public static func exp(_ x: Float) -> Float { expf(x) }
    @inlinable @inline(__always) public static func log(_ x: Float) -> Float { logf(x) }
    @inlinable @inline(__always) public static func tanh(_ x: Float) -> Float { tanhf(x) }
    @inlinable @inline(__always) public static func pow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
    @inlinable @inline(__always) public static func log1p(_ x: Float) -> Float { log1pf(x) }
}

/// `Double` as a matrix element: C `exp`, `log`, … (the functions NumPy calls) and the
/// double-precision kernels.
extension Double: MatrixScalar {
    @inlinable @inline(__always) public static func exp(_ x: Double) -> Double { LibM.exp(x) }
    @inlinable @inline(__always) public static func log(_ x: Double) -> Double { LibM.log(x) }
    @inlinable @inline(__always) public static func tanh(_ x: Double) -> Double { LibM.tanh(x) }
    @inlinable @inline(__always) public static func pow(_ x: Double, _ y: Double) -> Double { LibM.pow(x, y) }
    @inlinable @inline(__always) public static func log1p(_ x: Double) -> Double { LibM.log1p(x) }
}

/// The C library's double-precision functions, named without the clash with the static members
/// above. NumPy calls the same functions, which is why `log` here matches NumPy bit for bit.
@usableFromInline
enum LibM {
    @inlinable @inline(__always) static func exp(_ x: Double) -> Double { _exp(x) }
    @inlinable @inline(__always) static func log(_ x: Double) -> Double { _log(x) }
    @inlinable @inline(__always) static func tanh(_ x: Double) -> Double { _tanh(x) }
    @inlinable @inline(__always) static func pow(_ x: Double, _ y: Double) -> Double { _pow(x, y) }
    @inlinable @inline(__always) static func log1p(_ x: Double) -> Double { _log1p(x) }
}

@inlinable @inline(__always) func _exp(_ x: Double) -> Double { exp(x) }
@inlinable @inline(__always) func _log(_ x: Double) -> Double { log(x) }
@inlinable @inline(__always) func _tanh(_ x: Double) -> Double { tanh(x) }
@inlinable @inline(__always) func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inlinable @inline(__always) func _log1p(_ x: Double) -> Double { log1p(x) }
@inlinable @inline(__always) func _cos(_ x: Double) -> Double { cos(x) }
