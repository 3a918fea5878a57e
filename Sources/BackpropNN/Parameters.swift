import BackpropMatrix

/// The parameters of one dense layer l: weights W[l] (n_l, n_{l-1}) and bias b[l] (n_l, 1).
public struct DenseParameters<Scalar: MatrixScalar>: Sendable, Equatable {
    /// The weights, (n_l, n_{l-1}).
    public var W: Matrix<Scalar>
    /// The bias, (n_l, 1).
    public var b: Matrix<Scalar>

    /// A layer from its weights (n_l, n_{l-1}) and bias (n_l, 1).
    ///
    /// - Precondition: `b` is (W.rows, 1).
    @inlinable
    public init(W: Matrix<Scalar>, b: Matrix<Scalar>) {
        precondition(
            b.rows == W.rows && b.columns == 1,
            "DenseParameters: W (\(W.rows), \(W.columns)) needs b (\(W.rows), 1), got (\(b.rows), \(b.columns))")
        self.W = W
        self.b = b
    }

    /// The number of units n_l.
    @inlinable public var outputCount: Int { W.rows }
    /// The number of inputs n_{l-1}.
    @inlinable public var inputCount: Int { W.columns }
}

/// The parameters of a network of L layers, numbered 1...L as the course numbers them.
///
/// The course keeps them in a dictionary keyed "W1", "b1", …; here they are typed values, and
/// a learner still reaches them by layer number: `parameters.W(1)`, `parameters.b(2)`,
/// `parameters[layer: 1].W = …`.
public struct Parameters<Scalar: MatrixScalar>: Sendable, Equatable {
    /// The layers in order; `layers[0]` is layer 1.
    public var layers: [DenseParameters<Scalar>]

    /// Parameters from layers given in order (layer 1 first).
    ///
    /// - Precondition: each layer's input count equals the previous layer's output count.
    @inlinable
    public init(layers: [DenseParameters<Scalar>]) {
        for l in layers.indices.dropFirst() {
            precondition(
                layers[l].inputCount == layers[l - 1].outputCount,
                "Parameters: W\(l + 1) (\(layers[l].W.rows), \(layers[l].W.columns)) does not follow W\(l) (\(layers[l - 1].W.rows), \(layers[l - 1].W.columns))")
        }
        self.layers = layers
    }

    /// The number of layers L (hidden layers plus the output layer).
    @inlinable public var layerCount: Int { layers.count }

    /// The layer sizes [n_0, n_1, …, n_L], as the course's `layer_dims`.
    @inlinable public var layerDims: [Int] {
        guard let first = layers.first else { return [] }
        return [first.inputCount] + layers.map(\.outputCount)
    }

    /// The total number of weights and biases.
    @inlinable public var parameterCount: Int { layers.reduce(0) { $0 + $1.W.count + $1.b.count } }

    /// Layer `l`, numbered from 1 as in the course.
    @inlinable
    public subscript(layer l: Int) -> DenseParameters<Scalar> {
        get {
            precondition(l >= 1 && l <= layers.count, "Parameters: layer \(l) outside 1...\(layers.count)")
            return layers[l - 1]
        }
        set {
            precondition(l >= 1 && l <= layers.count, "Parameters: layer \(l) outside 1...\(layers.count)")
            precondition(
                newValue.W.rows == layers[l - 1].W.rows && newValue.W.columns == layers[l - 1].W.columns,
                "Parameters: new W\(l) (\(newValue.W.rows), \(newValue.W.columns)) differs from (\(layers[l - 1].W.rows), \(layers[l - 1].W.columns))")
            layers[l - 1] = newValue
        }
    }

    /// W of layer `l` (course: `parameters["W" + str(l)]`), (n_l, n_{l-1}).
    @inlinable public func W(_ l: Int) -> Matrix<Scalar> { self[layer: l].W }
    /// b of layer `l` (course: `parameters["b" + str(l)]`), (n_l, 1).
    @inlinable public func b(_ l: Int) -> Matrix<Scalar> { self[layer: l].b }
}

/// The gradients of the cost for every layer, numbered as the course numbers them:
/// `dW(l)`, `db(l)` for l in 1...L, and `dA(l)` for l in 0...L−1 — `dA(l)` is the gradient with
/// respect to the activation A[l] that feeds layer l+1 (`dA(0)` is with respect to X).
public struct Gradients<Scalar: MatrixScalar>: Sendable, Equatable {
    /// The gradients of each layer's parameters; `layers[0]` is layer 1.
    public var layers: [DenseParameters<Scalar>]
    /// The gradients with respect to the activations A[0] … A[L−1]; entries that were not
    /// computed are `nil` (the fast training paths skip dA(0), which nobody uses).
    public var activations: [Matrix<Scalar>?]

    /// Gradients from per-layer (dW, db) pairs and per-layer dA values.
    @inlinable
    public init(layers: [DenseParameters<Scalar>], activations: [Matrix<Scalar>?]) {
        self.layers = layers
        self.activations = activations
    }

    /// dW of layer `l` (course: `grads["dW" + str(l)]`), (n_l, n_{l-1}).
    @inlinable public func dW(_ l: Int) -> Matrix<Scalar> {
        precondition(l >= 1 && l <= layers.count, "Gradients: layer \(l) outside 1...\(layers.count)")
        return layers[l - 1].W
    }
    /// db of layer `l` (course: `grads["db" + str(l)]`), (n_l, 1).
    @inlinable public func db(_ l: Int) -> Matrix<Scalar> {
        precondition(l >= 1 && l <= layers.count, "Gradients: layer \(l) outside 1...\(layers.count)")
        return layers[l - 1].b
    }
    /// dA of layer `l` (course: `grads["dA" + str(l)]`), (n_l, m), for l in 0...L−1.
    @inlinable public func dA(_ l: Int) -> Matrix<Scalar> {
        precondition(l >= 0 && l < activations.count, "Gradients: dA\(l) outside 0...\(activations.count - 1)")
        guard let value = activations[l] else { preconditionFailure("Gradients: dA\(l) was not computed") }
        return value
    }
}
