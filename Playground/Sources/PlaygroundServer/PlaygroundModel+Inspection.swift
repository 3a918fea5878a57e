import Backprop

/// The course's caches for one example, layer by layer: what forward propagation computed
/// (Z, A) and what backward propagation computed (dA, dZ, dW, db), each with its equation.
/// Every number comes from Backprop's step functions, called one layer at a time as the course
/// writes them: ``linearActivationForward(APrev:W:b:activation:)``, then
/// ``Loss/outputDelta(output:preActivation:targets:activation:numerics:)`` and
/// ``linearActivationBackward(dA:cache:activation:)`` / ``linearBackward(dZ:cache:)``.
public struct Inspection: Sendable, Codable, Equatable {
    /// One layer's numbers; matrices as rows of numbers (column vectors for m = 1).
    public struct Layer: Sendable, Codable, Equatable {
        /// l, from 1.
        public var index: Int
        /// The activation's name.
        public var activation: String
        public var W: [[Double]], b: [[Double]], Z: [[Double]], A: [[Double]]
        public var dA: [[Double]], dZ: [[Double]], dW: [[Double]], db: [[Double]]
        /// The equation of each quantity, by name.
        public var equations: [String: String]
    }
    /// "train" or "test", and the example's index in that set.
    public var set: String, index: Int
    /// The point (x₁, x₂), the input features A(0), and the label.
    public var point: [Double], X: [[Double]], label: Double
    /// Y, the target (n_L, 1).
    public var Y: [[Double]]
    /// The cost of this example (no regularisation).
    public var cost: Double
    /// The L2 λ included in dW (the L1 term is not part of the course's backward pass).
    public var lambda: Double
    /// Layers 1…L.
    public var layers: [Layer]
}

extension PlaygroundModel {
    /// The caches of example `index` of the training (`set` "train") or test set.
    ///
    /// - Throws: ``PlaygroundError`` for another set or an index outside it.
    public func inspect(set: String, index: Int) throws(PlaygroundError) -> Inspection {
        let (X, Y, data) = set == "train" ? (trainX, trainY, train) : (testX, testY, test)
        guard set == "train" || set == "test" else { throw .invalid("set", expected: "train or test", found: "\"\(set.prefix(20))\"") }
        guard index >= 0 && index < X.columns else {
            throw .invalid("index", expected: "an example index in 0…\(X.columns - 1) of the \(set) set", found: "\(index)")
        }
        let x = X.columns(at: [index]), y = Y.columns(at: [index])
        let (forward, output) = forwardCaches(x)
        let backward = backwardGradients(caches: forward, output: output, targets: y)
        let layers = (0..<network.layerCount).map { l in
            layer(l, cache: forward[l], output: l + 1 < forward.count ? forward[l + 1].linear.A : output, gradients: backward[l])
        }
        let cost = network.cost(output: output, caches: forward, targets: y)
        return Inspection(set: set, index: index, point: [data.points[0, index], data.points[1, index]], X: rows(x),
                          label: data.labels[0, index], Y: rows(y), cost: cost, lambda: settings.l2, layers: layers)
    }

    /// Forward propagation one layer at a time: A(l), cache(l) = linear_activation_forward(A(l−1), W(l), b(l), g_l).
    func forwardCaches(_ x: Matrix<Double>) -> (caches: [LinearActivationCache<Double>], output: Matrix<Double>) {
        var A = x, caches: [LinearActivationCache<Double>] = []
        for l in 1...network.layerCount {
            let p = network.parameters[layer: l]
            let (next, cache) = linearActivationForward(APrev: A, W: p.W, b: p.b, activation: network.activations[l - 1])
            caches.append(cache)
            A = next
        }
        return (caches, A)
    }

    /// Backward propagation: dZ(L) from the loss (``Loss/outputDelta(output:preActivation:targets:activation:numerics:)``,
    /// A(L) − Y for the fused pairs), then Backprop's L-model backward
    /// (``modelBackward(dZL:caches:activations:lambda:computingInputGradient:)``) for dW, db and
    /// dA of every layer, and each hidden layer's dZ(l) = dA(l) ⊙ g′(Z(l)) from its activation's
    /// backward. dA(L) is the loss's gradient with respect to the output.
    func backwardGradients(
        caches: [LinearActivationCache<Double>], output: Matrix<Double>, targets: Matrix<Double>
    ) -> [(dA: Matrix<Double>, dZ: Matrix<Double>, dW: Matrix<Double>, db: Matrix<Double>)] {
        let L = network.layerCount, g = network.activations
        let dZL = network.loss.outputDelta(output: output, preActivation: caches[L - 1].Z, targets: targets, activation: g[L - 1])
        let gradients = modelBackward(dZL: dZL, caches: caches, activations: g, lambda: settings.l2)
        return (1...L).map { l in
            let dA = l == L ? network.loss.outputGradient(output: output, targets: targets) : gradients.dA(l)
            let dZ = l == L ? dZL : g[l - 1].backward(dA: dA, cache: caches[l - 1].Z)
            return (dA, dZ, gradients.dW(l), gradients.db(l))
        }
    }

    func layer(
        _ l: Int, cache: LinearActivationCache<Double>, output A: Matrix<Double>,
        gradients g: (dA: Matrix<Double>, dZ: Matrix<Double>, dW: Matrix<Double>, db: Matrix<Double>)
    ) -> Inspection.Layer {
        let n = l + 1, last = n == network.layerCount, activation = network.activations[l]
        return Inspection.Layer(
            index: n, activation: activation.name == "identity" ? "linear" : activation.name,
            W: rows(cache.linear.W), b: rows(cache.linear.b), Z: rows(cache.Z), A: rows(A),
            dA: rows(g.dA), dZ: rows(g.dZ), dW: rows(g.dW), db: rows(g.db),
            equations: Self.equations(layer: n, last: last, activation: activation, loss: network.loss, l2: settings.l2 != 0))
    }

    /// The equations of layer `l`, in the course's notation.
    static func equations(layer l: Int, last: Bool, activation: Activation, loss: Loss, l2: Bool) -> [String: String] {
        let g = activation.name == "identity" ? "linear" : activation.name
        let dA = last ? (loss == .meanSquaredError ? "dA[\(l)] = A[\(l)] − Y" : "dA[\(l)] = −Y / A[\(l)]")
            : "dA[\(l)] = W[\(l + 1)]ᵀ · dZ[\(l + 1)]"
        let dZ = last ? "dZ[\(l)] = A[\(l)] − Y   (\(g) with \(loss.name), fused)" : "dZ[\(l)] = dA[\(l)] ⊙ \(g)′(Z[\(l)])"
        return [
            "Z": "Z[\(l)] = W[\(l)] · A[\(l - 1)] + b[\(l)]",
            "A": "A[\(l)] = \(g)(Z[\(l)])",
            "dA": dA, "dZ": dZ,
            "dW": "dW[\(l)] = (1/m) · dZ[\(l)] · A[\(l - 1)]ᵀ" + (l2 ? " + (λ/m) · W[\(l)]" : ""),
            "db": "db[\(l)] = (1/m) · Σ_columns dZ[\(l)]",
        ]
    }

    /// A matrix as rows of numbers.
    func rows(_ M: Matrix<Double>) -> [[Double]] { (0..<M.rows).map { r in (0..<M.columns).map { M[r, $0] } } }
}
