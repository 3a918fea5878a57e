import BackpropMatrix

extension TrainingWorkspace {
    /// The backward pass of ``step(parameters:activations:loss:lambda:numerics:)``, into
    /// ``deltas``, ``upstream`` and ``gradients``:
    ///
    ///     dZ(L) from the loss;  for l = L…1:  dW(l) = (1/b) dZ(l) A(l−1)ᵀ + (λ/b) W(l),
    ///     db(l) = (1/b) Σ_columns dZ(l),  dA(l−1) = W(l)ᵀ dZ(l) (⊙ D(l−1) / keep_prob with
    ///     dropout),  dZ(l−1) = dA(l−1) ⊙ g'(Z(l−1))
    ///
    /// with A(0)ᵀ = X_bᵀ read as stored, and no dA(0); dW(1) is left out when
    /// ``defersFirstWeightGradient``.
    @inlinable
    mutating func backward(
        parameters: Parameters<Scalar>, activations g: [Activation], loss: Loss, lambda: Scalar, numerics: LossNumerics
    ) {
        let L = layerCount
        let m = inputBatch.columns
        let inverseM = 1 / Scalar(m)
        let exact = numerics == .course
        // dZ(L), and whether it already carries the 1/m.
        let scaled: Bool
        let A = activations[L - 1], Z = preActivations[L - 1], Y = targetBatch
        if numerics == .stable && loss.fuses(with: g[L - 1]) {
            // dZ(L) = (A(L) − Y) · (1/m): the fused gradient of sigmoid + BCE, softmax + CE, identity + MSE.
            deltas[L - 1].resize(rows: A.rows, columns: A.columns)
            deltas[L - 1].withUnsafeMutableBufferPointer { d in
                A.withUnsafeBufferPointer { a in
                    Y.withUnsafeBufferPointer { y in
                        for i in 0..<d.count { d[i] = (a[i] - y[i]) * inverseM }
                    }
                }
            }
            scaled = true
        } else if exact && loss == .binaryCrossEntropy && g[L - 1] == .sigmoid {
            // The course: dAL = -(Y/AL - (1-Y)/(1-AL)), then sigmoid_backward(dAL, ZL).
            deltas[L - 1].resize(rows: A.rows, columns: A.columns)
            deltas[L - 1].withUnsafeMutableBufferPointer { d in
                A.withUnsafeBufferPointer { a in
                    Y.withUnsafeBufferPointer { y in
                        Z.withUnsafeBufferPointer { z in
                            for i in 0..<d.count {
                                let dA = -(y[i] / a[i] - (1 - y[i]) / (1 - a[i]))
                                let s = 1 / (1 + Scalar.exp(-z[i]))
                                d[i] = dA * s * (1 - s)
                            }
                        }
                    }
                }
            }
            scaled = false
        } else {
            // Other pairs: the reference (allocates dA(L), (n_L, b)).
            deltas[L - 1] = loss.outputDelta(output: A, preActivation: Z, targets: Y, activation: g[L - 1], numerics: numerics)
            scaled = false
        }

        for l in stride(from: L - 1, through: 0, by: -1) {
            let dZ = deltas[l]
            let W = parameters.layers[l].W
            // A deferred dW(1) is left to updateFirstLayer, which needs only its scale.
            let computesW = l > 0 || !defersFirstWeightGradient
            if l > 0 {
                Matrix.gemm(dZ, activations[l - 1], transposeB: true, into: &gradients.layers[l].W)
            } else if computesW && inputTransposed.isEmpty {
                Matrix.gemm(dZ, inputBatch, transposeB: true, into: &gradients.layers[0].W)
            } else if computesW {
                Matrix.gemm(dZ, inputTransposed, into: &gradients.layers[0].W)
            } else {
                deferredGradientScale = scaled ? 1 : inverseM
            }
            dZ.sums(axis: 1, into: &gradients.layers[l].b)
            if !scaled {
                // (1/m) · x, as the course multiplies.
                if computesW { gradients.layers[l].W *= inverseM }
                gradients.layers[l].b *= inverseM
            }
            if lambda != 0 && computesW { gradients.layers[l].W.add(W, scaledBy: lambda / Scalar(m)) }
            guard l > 0 else { break }
            Matrix.gemm(W, transposeA: true, dZ, into: &upstream[l - 1])
            // Dropout: dA(l−1) ← (dA(l−1) ⊙ D(l−1)) / keep_prob, as modelBackward applies it.
            if let mask = dropout[l - 1] { mask.apply(to: &upstream[l - 1]) }
            let dA = upstream[l - 1], Zl = preActivations[l - 1]
            switch g[l - 1] {
            case .relu: Matrix.backward(.relu, dA: dA, z: Zl, into: &deltas[l - 1])
            case .tanh: Matrix.backward(.tanh, dA: dA, z: Zl, into: &deltas[l - 1])
            case .identity: Matrix.backward(.identity, dA: dA, z: Zl, into: &deltas[l - 1])
            case .sigmoid where !exact: Matrix.backward(.sigmoid, dA: dA, z: Zl, into: &deltas[l - 1])
            case .sigmoid, .leakyRelu:
                deltas[l - 1].resize(rows: dA.rows, columns: dA.columns)
                let activation = g[l - 1]
                deltas[l - 1].withUnsafeMutableBufferPointer { d in
                    dA.withUnsafeBufferPointer { da in
                        Zl.withUnsafeBufferPointer { z in
                            if case .leakyRelu(let slope) = activation {
                                let s = Scalar(slope)
                                for i in 0..<d.count { d[i] = z[i] > 0 ? da[i] : s * da[i] }
                            } else {
                                for i in 0..<d.count {
                                    let s = 1 / (1 + Scalar.exp(-z[i]))
                                    d[i] = da[i] * s * (1 - s)
                                }
                            }
                        }
                    }
                }
            case .softmax:
                deltas[l - 1] = softmaxBackward(dA: dA, cache: Zl)   // a hidden softmax: rare; allocates
            }
        }
    }

    /// The first layer (1…L) whose Z or A holds a NaN or an infinity, else (L, "cost") — what
    /// ``TrainingError/nonFinite(iteration:epoch:layer:quantity:)`` reports.
    public func firstNonFiniteForward() -> (layer: Int, quantity: String) {
        for l in 0..<layerCount {
            if !preActivations[l].isFinite { return (l + 1, "Z") }
            if !activations[l].isFinite { return (l + 1, "A") }
        }
        return (layerCount, "cost")
    }

    /// The first layer (1…L) whose dW or db holds a NaN or an infinity, or `nil`.
    ///
    /// A deferred dW(1) (``defersFirstWeightGradient``) is not computed yet; it is reported
    /// when dZ(1) holds a NaN or an infinity, since X is finite and a non-finite dZ(1)[i][j]
    /// makes every value of row i of dZ(1) · Xᵀ non-finite (∞ · 0 is NaN). The remaining case,
    /// an overflow from finite values, ``updateFirstLayer(weights:learningRate:lambda:computingNext:)``
    /// catches.
    public func firstNonFiniteGradient() -> (layer: Int, quantity: String)? {
        for (l, layer) in gradients.layers.enumerated() {
            let finiteW = l == 0 && defersFirstWeightGradient ? deltas[0].isFinite : layer.W.isFinite
            if !finiteW { return (l + 1, "dW") }
            if !layer.b.isFinite { return (l + 1, "db") }
        }
        return nil
    }
}
