import BackpropMatrix

extension Loss {
    /// The cost J of outputs A_L against targets Y (without any regularisation term).
    ///
    /// - Parameters:
    ///   - A: the output A_L (argument label `output:`), (n_L, m).
    ///   - Z: the pre-activation Z_L (argument label `preActivation:`), (n_L, m), used by the
    ///     stable formulations; `nil` falls back to the clipped formulas from A_L.
    ///   - Y: the targets (argument label `targets:`), (n_L, m) (see ``Loss/targets(from:outputCount:argument:)`` for integer labels).
    ///   - activation: the output layer's activation.
    ///   - numerics: stable (default) or the course's formulas.
    /// - Returns: the scalar cost.
    @inlinable
    public func cost<T: MatrixScalar>(
        output A: Matrix<T>, preActivation Z: Matrix<T>?, targets Y: Matrix<T>,
        activation: Activation, numerics: LossNumerics = .stable
    ) -> T {
        precondition(
            A.rows == Y.rows && A.columns == Y.columns,
            "Loss.cost: output (\(A.rows), \(A.columns)) and targets (\(Y.rows), \(Y.columns)) differ")
        let m = T(A.columns)
        let eps = Loss.clipEpsilon(T.self)
        switch self {
        case .binaryCrossEntropy:
            if numerics == .course { return computeCost(AL: A, Y: Y) }
            if activation == .sigmoid, let Z {
                // max(z, 0) − z·y + log(1 + e^(−|z|)): the softplus form, finite for every z.
                var total: T = 0
                for i in 0..<Z.count {
                    let z = Z.elements[i], y = Y.elements[i]
                    total += Swift.max(z, 0) - z * y + T.log1p(T.exp(-Swift.abs(z)))
                }
                return (1 / m) * total
            }
            var total: T = 0
            for i in 0..<A.count {
                let a = Swift.min(Swift.max(A.elements[i], eps), 1 - eps), y = Y.elements[i]
                total += y * T.log(a) + (1 - y) * T.log(1 - a)
            }
            return (1 / m) * (-total)
        case .categoricalCrossEntropy:
            var total: T = 0
            if numerics == .stable, activation == .softmax, let Z { return softmaxCrossEntropy(Z, Y) }
            for i in 0..<Y.count where Y.elements[i] != 0 {
                let a = numerics == .course ? A.elements[i] : Swift.max(A.elements[i], eps)
                total += Y.elements[i] * T.log(a)
            }
            return (1 / m) * (-total)
        case .meanSquaredError:
            var total: T = 0
            for i in 0..<A.count {
                let d = A.elements[i] - Y.elements[i]
                total += d * d
            }
            return (1 / (2 * m)) * total
        }
    }

    /// −(1/m) Σ y · log-softmax(z), column by column, without the log-softmax matrix.
    ///
    /// - Shapes: Z (n, m), Y (n, m).
    @inlinable
    func softmaxCrossEntropy<T: MatrixScalar>(_ Z: Matrix<T>, _ Y: Matrix<T>) -> T {
        let n = Z.rows, m = Z.columns
        var total: T = 0
        Z.withUnsafeBufferPointer { z in
            Y.withUnsafeBufferPointer { y in
                for c in 0..<m {
                    let logTotal = columnLogSumExp(z, column: c, rows: n, columns: m)
                    for r in 0..<n where y[r * m + c] != 0 { total += y[r * m + c] * (z[r * m + c] - logTotal) }
                }
            }
        }
        return (1 / T(m)) * (-total)
    }

    /// The per-example gradient of the loss with respect to the output A_L, dA_L = ∂(m·J)/∂A_L:
    /// - binary cross-entropy: −(y/a − (1 − y)/(1 − a)) (a clipped under ``LossNumerics/stable``);
    /// - categorical cross-entropy: −y/a (a clipped under ``LossNumerics/stable``);
    /// - mean squared error: a − y.
    ///
    /// - Shapes: A_L (n_L, m), Y (n_L, m) → dA_L (n_L, m).
    @inlinable
    public func outputGradient<T: MatrixScalar>(
        output A: Matrix<T>, targets Y: Matrix<T>, numerics: LossNumerics = .stable
    ) -> Matrix<T> {
        var dA = Matrix<T>(rows: 0, columns: 0)
        outputGradient(output: A, targets: Y, numerics: numerics, into: &dA)
        return dA
    }

    /// ``outputGradient(output:targets:numerics:)`` into `dA` (resized, storage reused): the one
    /// implementation of dA_L.
    @inlinable
    public func outputGradient<T: MatrixScalar>(
        output A: Matrix<T>, targets Y: Matrix<T>, numerics: LossNumerics, into dA: inout Matrix<T>
    ) {
        precondition(
            A.rows == Y.rows && A.columns == Y.columns,
            "Loss.outputGradient: output (\(A.rows), \(A.columns)) and targets (\(Y.rows), \(Y.columns)) differ")
        let eps = Loss.clipEpsilon(T.self)
        let clip = numerics == .stable
        switch self {
        case .binaryCrossEntropy:
            // dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
            Matrix.combine(A, Y, into: &dA) { a, y in
                let a = clip ? Swift.min(Swift.max(a, eps), 1 - eps) : a
                return -(y / a - (1 - y) / (1 - a))
            }
        case .categoricalCrossEntropy:
            Matrix.combine(A, Y, into: &dA) { a, y in y == 0 ? 0 : -y / (clip ? Swift.max(a, eps) : a) }
        case .meanSquaredError:
            Matrix.combine(A, Y, into: &dA) { a, y in a - y }
        }
    }

    /// The output layer's dZ_L = ∂(m·J)/∂Z_L: fused (A_L − Y) when ``fuses(with:)`` and
    /// `numerics` is stable, otherwise the activation's backward applied to
    /// ``outputGradient(output:targets:numerics:)``.
    ///
    /// - Shapes: A_L, Z_L, Y all (n_L, m) → dZ_L (n_L, m).
    @inlinable
    public func outputDelta<T: MatrixScalar>(
        output A: Matrix<T>, preActivation Z: Matrix<T>, targets Y: Matrix<T>,
        activation: Activation, numerics: LossNumerics = .stable
    ) -> Matrix<T> {
        var dZ = Matrix<T>(rows: 0, columns: 0), dA = dZ
        outputDelta(output: A, preActivation: Z, targets: Y, activation: activation, numerics: numerics,
                    scale: 1, into: &dZ, gradient: &dA)
        return dZ
    }

    /// Whether ``outputDelta(output:preActivation:targets:activation:numerics:scale:into:gradient:)``
    /// multiplies dZ_L by its `scale` (the fused pairs under stable numerics); the other
    /// pairs leave the 1/m to the layers' backward passes, as the course does.
    @inlinable
    public func scalesOutputDelta(activation: Activation, numerics: LossNumerics) -> Bool {
        numerics == .stable && fuses(with: activation)
    }

    /// The output layer's dZ_L into `dZ` (resized, storage reused): the one implementation of
    /// dZ_L. Fused pairs under stable numerics: dZ_L = (A_L − Y) · scale in one pass (see
    /// ``scalesOutputDelta(activation:numerics:)``); other pairs: dA_L into `gradient`, then the
    /// activation's backward with the course's arithmetic.
    ///
    /// - Parameters:
    ///   - A: the output A_L (argument label `output:`), (n_L, b).
    ///   - Z: the pre-activation Z_L (argument label `preActivation:`), (n_L, b).
    ///   - Y: the targets (argument label `targets:`), (n_L, b).
    ///   - activation: the output layer's activation.
    ///   - numerics: stable or the course's formulas.
    ///   - scale: the factor of the fused form (1, or 1/b to carry the batch's mean).
    ///   - dZ: the result dZ_L, (n_L, b), resized as needed.
    ///   - dA: scratch for dA_L (argument label `gradient:`), (n_L, b).
    /// - Shapes: A_L, Z_L, Y (n_L, b) → dZ_L (n_L, b).
    @inlinable
    public func outputDelta<T: MatrixScalar>(
        output A: Matrix<T>, preActivation Z: Matrix<T>, targets Y: Matrix<T>, activation: Activation,
        numerics: LossNumerics, scale: T, into dZ: inout Matrix<T>, gradient dA: inout Matrix<T>
    ) {
        if scalesOutputDelta(activation: activation, numerics: numerics) {
            precondition(
                A.rows == Y.rows && A.columns == Y.columns,
                "Loss.outputDelta: output (\(A.rows), \(A.columns)) and targets (\(Y.rows), \(Y.columns)) differ")
            Matrix.combine(A, Y, into: &dZ) { a, y in (a - y) * scale }
            return
        }
        outputGradient(output: A, targets: Y, numerics: numerics, into: &dA)
        activation.backward(dA: dA, cache: Z, into: &dZ, exact: true)
    }
}
