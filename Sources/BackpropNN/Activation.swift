import BackpropMatrix

/// The activation functions of a layer, applied to its pre-activation Z.
///
/// Each case has its forward function (`A = g(Z)`) and, side by side in its own file, its
/// backward function (`dZ = dA ⊙ g'(Z)`, or the Jacobian-vector product for softmax), which
/// takes the activation cache — Z itself. Every layer of every network, the course functions
/// and the training workspace alike, goes through ``activate(_:exact:)`` and
/// ``backward(dA:cache:into:exact:)``: this is the one place where a faster kernel for an
/// activation is swapped in (``kernel(exact:)``).
///
/// | case | g(z) | g'(z) | name |
/// |---|---|---|---|
/// | ``sigmoid`` | 1 / (1 + e^(−z)) | σ(z)(1 − σ(z)) | `sigmoid` |
/// | ``relu`` | max(0, z) | 1 if z > 0 else 0 | `relu` |
/// | ``tanh`` | tanh z | 1 − tanh² z | `tanh` |
/// | ``leakyRelu(slope:)`` | z if z > 0 else slope·z | 1 or slope | `leaky-relu`, `leaky-relu:0.2` |
/// | ``softmax`` | e^(z_k) / Σ_j e^(z_j) per column | s ⊙ (dA − Σ_k dA_k s_k) | `softmax` |
/// | ``identity`` | z | 1 | `identity` |
public enum Activation: Equatable, Hashable, Sendable {
    /// σ(z) = 1 / (1 + e^(−z)); see ``sigmoid(_:)`` and ``sigmoidBackward(dA:cache:)``.
    case sigmoid
    /// max(0, z); see ``relu(_:)`` and ``reluBackward(dA:cache:)``.
    case relu
    /// tanh(z); see ``tanhActivation(_:)`` and ``tanhBackward(dA:cache:)``.
    case tanh
    /// z for z > 0, slope · z otherwise; see ``leakyRelu(_:slope:)`` and
    /// ``leakyReluBackward(dA:cache:slope:)``. The usual slope is 0.01.
    case leakyRelu(slope: Double)
    /// The softmax of each column (numerically stable: the column maximum is subtracted first);
    /// see ``softmax(_:)`` and ``softmaxBackward(dA:cache:)``. For an output layer only.
    case softmax
    /// A = Z, for regression outputs.
    case identity

    /// The slope ``leakyRelu(slope:)`` gets when none is given: 0.01.
    public static let defaultLeakySlope = 0.01

    /// The names ``init(name:)`` accepts, for help texts.
    public static let names = ["sigmoid", "relu", "tanh", "leaky-relu", "softmax", "identity"]

    /// A = g(Z), allocating A (the course's arithmetic; see `forward(_:into:exact:)`).
    ///
    /// - Shapes: Z (n_l, m) → A (n_l, m).
    @inlinable
    public func forward<T: MatrixScalar>(_ Z: Matrix<T>) -> Matrix<T> {
        var A = Z
        activate(&A, exact: true)
        return A
    }

    /// dZ = dA ⊙ g'(Z) (for softmax, the product of dA with the Jacobian of each column),
    /// where `cache` is the Z the forward pass saw; allocates dZ (the course's arithmetic; see
    /// ``backward(dA:cache:into:exact:)``).
    ///
    /// - Shapes: dA (n_l, m), Z (n_l, m) → dZ (n_l, m).
    @inlinable
    public func backward<T: MatrixScalar>(dA: Matrix<T>, cache Z: Matrix<T>) -> Matrix<T> {
        var dZ = Matrix<T>(rows: 0, columns: 0)
        backward(dA: dA, cache: Z, into: &dZ, exact: true)
        return dZ
    }

    /// The SIMD kernel that computes this activation and its derivative, or `nil` where the
    /// scalar formulas run element by element. ReLU, tanh and the identity always have one
    /// (their kernels give the scalar formulas' bits); the sigmoid's kernel (within 2 ulp of the
    /// formula in single precision) only when `exact` is false.
    @inlinable
    public func kernel(exact: Bool) -> ElementwiseFunction? {
        switch self {
        case .relu: return .relu
        case .tanh: return .tanh
        case .identity: return .identity
        case .sigmoid: return exact ? nil : .sigmoid
        case .leakyRelu, .softmax: return nil
        }
    }

    /// A ← g(A) in place: the kernel where ``kernel(exact:)`` names one, else the scalar
    /// formulas (softmax column by column).
    ///
    /// - Parameters:
    ///   - A: Z on entry, (n_l, m); g(Z) on return.
    ///   - exact: whether to keep the course's arithmetic where a kernel would round differently.
    @inlinable
    public func activate<T: MatrixScalar>(_ A: inout Matrix<T>, exact: Bool) {
        if let kernel = kernel(exact: exact) {
            A.formApplying(kernel)
            return
        }
        let n = A.rows, m = A.columns
        A.withUnsafeMutableBufferPointer { a in
            switch self {
            case .sigmoid: for i in a.indices { a[i] = Self.sigmoidValue(a[i]) }
            case .leakyRelu(let slope):
                let s = T(slope)
                for i in a.indices { a[i] = Self.leakyReluValue(a[i], slope: s) }
            case .softmax: softmaxColumnsInPlace(a, rows: n, columns: m)
            case .relu, .tanh, .identity: preconditionFailure("Activation.activate: \(self) has a kernel")
            }
        }
    }

    /// dZ = dA ⊙ g'(Z) into `dZ` (resized, storage reused): the one backward pass of every
    /// activation, which the course functions (``sigmoidBackward(dA:cache:)``, …), the layer
    /// functions and the training workspace all call.
    ///
    /// - Parameters:
    ///   - dA: the gradient with respect to A, (n_l, m).
    ///   - Z: the pre-activation the forward pass saw, (n_l, m).
    ///   - dZ: the result, (n_l, m).
    ///   - exact: whether to keep the course's arithmetic where a kernel would round differently.
    @inlinable
    public func backward<T: MatrixScalar>(dA: Matrix<T>, cache Z: Matrix<T>, into dZ: inout Matrix<T>, exact: Bool) {
        precondition(
            dA.rows == Z.rows && dA.columns == Z.columns,
            "\(name) backward: dA (\(dA.rows), \(dA.columns)) and Z (\(Z.rows), \(Z.columns)) differ")
        if let kernel = kernel(exact: exact) {
            Matrix.backward(kernel, dA: dA, z: Z, into: &dZ)
            return
        }
        if self == .softmax {
            softmaxBackward(dA: dA, cache: Z, into: &dZ)
            return
        }
        dZ.resize(rows: dA.rows, columns: dA.columns)
        dZ.withUnsafeMutableBufferPointer { d in
            dA.withUnsafeBufferPointer { da in
                Z.withUnsafeBufferPointer { z in
                    switch self {
                    case .sigmoid: for i in 0..<d.count { d[i] = Self.sigmoidDerivative(da[i], z[i]) }
                    case .leakyRelu(let slope):
                        let s = T(slope)
                        for i in 0..<d.count { d[i] = Self.leakyReluDerivative(da[i], z[i], slope: s) }
                    case .relu, .tanh, .identity, .softmax: preconditionFailure("Activation.backward: \(self) has its own path")
                    }
                }
            }
        }
    }

    /// The name the command line and model files use: "sigmoid", "relu", "tanh", "softmax",
    /// "identity", and "leaky-relu" (slope 0.01) or "leaky-relu:SLOPE" for another slope.
    public var name: String {
        switch self {
        case .sigmoid: return "sigmoid"
        case .relu: return "relu"
        case .tanh: return "tanh"
        case .leakyRelu(let slope):
            return slope == Self.defaultLeakySlope ? "leaky-relu" : "leaky-relu:\(slope)"
        case .softmax: return "softmax"
        case .identity: return "identity"
        }
    }

    /// The activation called `name` (see ``name``); `nil` for an unknown name or a leaky slope
    /// that is not a finite number. Accepts "leaky-relu" (slope 0.01) and "leaky-relu:0.2".
    public init?(name: String) {
        switch name {
        case "sigmoid": self = .sigmoid
        case "relu": self = .relu
        case "tanh": self = .tanh
        case "leaky-relu", "leaky_relu", "leakyrelu": self = .leakyRelu(slope: Self.defaultLeakySlope)
        case "softmax": self = .softmax
        case "identity", "linear": self = .identity
        default:
            let prefix = "leaky-relu:"
            guard name.hasPrefix(prefix), let slope = Double(name.dropFirst(prefix.count)), slope.isFinite else {
                return nil
            }
            self = .leakyRelu(slope: slope)
        }
    }
}
