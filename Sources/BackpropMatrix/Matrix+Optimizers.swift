import CBackpropKernels

/// Optimiser updates over one parameter tensor, in place, by the SIMD kernels of
/// CBackpropKernels (AVX-512, AVX2 or portable, split between threads for long tensors).
///
/// Every element is computed with the operations of the formula, in its order, each rounded
/// (no fused multiply-add), so the results are bit-identical to the scalar reference versions
/// (``ReferenceKernels/momentumStep(_:velocity:gradient:beta:learningRate:)`` and its
/// neighbours), on every instruction set and thread count. The course's names are
/// `update_parameters` (gradient descent), `update_parameters_with_momentum` and
/// `update_parameters_with_adam`.
///
/// - Shapes: the parameter (`self`), the moments and the gradient all have the same shape
///   (any); a mismatch is a precondition failure naming the shapes.
extension Matrix {
    /// Gradient descent: `θ ← θ − α g` (θ is `self`), as the course's `W - learning_rate * dW`.
    @inlinable
    public mutating func gradientDescentStep(gradient g: Matrix, learningRate alpha: Scalar) {
        precondition(g.shape == shape, "gradientDescentStep: parameter \(shape) and gradient \(g.shape) differ")
        withUnsafeMutableBufferPointer { p in
            g.withUnsafeBufferPointer { g in Kernels.descent(p.baseAddress!, g.baseAddress!, count: g.count, alpha: alpha) }
        }
    }

    /// Momentum: `v ← β v + (1 − β) g`, then `θ ← θ − α v` (θ is `self`).
    @inlinable
    public mutating func momentumStep(velocity v: inout Matrix, gradient g: Matrix, beta: Scalar, learningRate alpha: Scalar) {
        precondition(v.shape == shape && g.shape == shape,
                     "momentumStep: parameter \(shape), velocity \(v.shape) and gradient \(g.shape) differ")
        withUnsafeMutableBufferPointer { p in
            v.withUnsafeMutableBufferPointer { v in
                g.withUnsafeBufferPointer { g in
                    Kernels.momentum(p.baseAddress!, v.baseAddress!, g.baseAddress!, count: g.count, beta: beta, alpha: alpha)
                }
            }
        }
    }

    /// RMSProp: `s ← β s + (1 − β) g²`, then `θ ← θ − α g / (√s + ε)`.
    @inlinable
    public mutating func rmsPropStep(squares s: inout Matrix, gradient g: Matrix, beta: Scalar, epsilon: Scalar, learningRate alpha: Scalar) {
        precondition(s.shape == shape && g.shape == shape,
                     "rmsPropStep: parameter \(shape), squares \(s.shape) and gradient \(g.shape) differ")
        withUnsafeMutableBufferPointer { p in
            s.withUnsafeMutableBufferPointer { s in
                g.withUnsafeBufferPointer { g in
                    Kernels.rmsProp(p.baseAddress!, s.baseAddress!, g.baseAddress!, count: g.count, beta: beta, epsilon: epsilon, alpha: alpha)
                }
            }
        }
    }

    /// Adam: `v ← β₁ v + (1 − β₁) g`, `s ← β₂ s + (1 − β₂) g²`, then
    /// `θ ← θ − α (v / c₁) / (√(s / c₂) + ε)` with the bias corrections `c₁ = 1 − β₁ᵗ` and
    /// `c₂ = 1 − β₂ᵗ` given by the caller.
    @inlinable
    public mutating func adamStep(
        firstMoment v: inout Matrix, secondMoment s: inout Matrix, gradient g: Matrix,
        beta1: Scalar, beta2: Scalar, correction1: Scalar, correction2: Scalar, epsilon: Scalar, learningRate alpha: Scalar
    ) {
        precondition(v.shape == shape && s.shape == shape && g.shape == shape,
                     "adamStep: parameter \(shape), moments \(v.shape), \(s.shape) and gradient \(g.shape) differ")
        withUnsafeMutableBufferPointer { p in
            v.withUnsafeMutableBufferPointer { v in
                s.withUnsafeMutableBufferPointer { s in
                    g.withUnsafeBufferPointer { g in
                        Kernels.adam(p.baseAddress!, v.baseAddress!, s.baseAddress!, g.baseAddress!, count: g.count,
                                     beta1: beta1, beta2: beta2, correction1: correction1, correction2: correction2,
                                     epsilon: epsilon, alpha: alpha)
                    }
                }
            }
        }
    }
}

extension Kernels {
    @usableFromInline
    static func descent<T: MatrixScalar>(_ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, count: Int, alpha: T) {
        if T.self == Float.self {
            bp_descent_f32(f32(p), f32(g), count, Float(alpha))
        } else {
            bp_descent_f64(f64(p), f64(g), count, Double(alpha))
        }
    }

    @usableFromInline
    static func momentum<T: MatrixScalar>(
        _ p: UnsafeMutablePointer<T>, _ v: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, count: Int, beta: T, alpha: T
    ) {
        if T.self == Float.self {
            bp_momentum_f32(f32(p), f32(v), f32(g), count, Float(beta), Float(alpha))
        } else {
            bp_momentum_f64(f64(p), f64(v), f64(g), count, Double(beta), Double(alpha))
        }
    }

    @usableFromInline
    static func rmsProp<T: MatrixScalar>(
        _ p: UnsafeMutablePointer<T>, _ s: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, count: Int,
        beta: T, epsilon: T, alpha: T
    ) {
        if T.self == Float.self {
            bp_rmsprop_f32(f32(p), f32(s), f32(g), count, Float(beta), Float(epsilon), Float(alpha))
        } else {
            bp_rmsprop_f64(f64(p), f64(s), f64(g), count, Double(beta), Double(epsilon), Double(alpha))
        }
    }

    @usableFromInline
    static func adam<T: MatrixScalar>(
        _ p: UnsafeMutablePointer<T>, _ v: UnsafeMutablePointer<T>, _ s: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>,
        count: Int, beta1: T, beta2: T, correction1: T, correction2: T, epsilon: T, alpha: T
    ) {
        if T.self == Float.self {
            bp_adam_f32(f32(p), f32(v), f32(s), f32(g), count, Float(beta1), Float(beta2),
                        Float(correction1), Float(correction2), Float(epsilon), Float(alpha))
        } else {
            bp_adam_f64(f64(p), f64(v), f64(s), f64(g), count, Double(beta1), Double(beta2),
                        Double(correction1), Double(correction2), Double(epsilon), Double(alpha))
        }
    }
}
