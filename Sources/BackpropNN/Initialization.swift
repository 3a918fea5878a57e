import BackpropIO
import BackpropMatrix

/// The parameters of the course's two-layer network LINEAR → RELU → LINEAR → SIGMOID.
///
/// Course: `initialize_parameters(n_x, n_h, n_y)`, after `np.random.seed(seed)`:
/// W1 = randn(n_h, n_x) × 0.01, b1 = 0, W2 = randn(n_y, n_h) × 0.01, b2 = 0.
///
/// - Parameters:
///   - nX: the size of the input layer n_x.
///   - nH: the size of the hidden layer n_h.
///   - nY: the size of the output layer n_y.
///   - seed: the NumPy seed (the course uses 1).
///   - type: the scalar type of the result (`Float` or `Double`), when the context does not say.
/// - Returns: parameters with W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1).
/// - Throws: ``NetworkError`` when a size is not positive.
public func initializeParameters<T: MatrixScalar>(
    nX: Int, nH: Int, nY: Int, seed: UInt32 = 1, as type: T.Type = T.self
) throws(NetworkError) -> Parameters<T> {
    try initializeParametersDeep(layerDims: [nX, nH, nY], scheme: .scaledNormal, seed: seed)
}

/// The parameters of an L-layer network with the sizes `layerDims` = [n_0, n_1, …, n_L].
///
/// Course: `initialize_parameters_deep(layer_dims)`, after `np.random.seed(seed)`: for
/// l = 1…L, W_l = randn(n_l, n_{l-1}) × 0.01 (``Initializer/scaledNormal``) or
/// randn(n_l, n_{l-1}) / √n_{l-1} (``Initializer/normalizedByFanIn``), b_l = 0; with
/// ``Initializer/he``, the course's `initialize_parameters_he`. The one implementation of every
/// ``Initializer``.
///
/// The default scheme, ``Initializer/scaledNormal``, is the step-by-step notebook's
/// `initialize_parameters_deep` (its test case `[5, 4, 3]` with seed 3). The application
/// notebook's L-layer model draws with ``Initializer/normalizedByFanIn`` instead: pass
/// `scheme: .normalizedByFanIn` to get its first cost, 0.7717493284237686 on the cat images
/// (``lLayerModel(X:Y:layerDims:scheme:options:onCost:)`` does so by default).
///
/// - Parameters:
///   - layerDims: the layer sizes, input first; at least two, all positive.
///   - scheme: how W is drawn.
///   - seed: the NumPy seed.
///   - type: the scalar type of the result (`Float` or `Double`), when the context does not say.
/// - Returns: parameters with W_l (n_l, n_{l-1}) and b_l (n_l, 1).
/// - Throws: ``NetworkError`` when `layerDims` has fewer than two sizes, a size that is not
///   positive, or parameters larger than `MemoryBudget.current` (checked before
///   anything is allocated).
public func initializeParametersDeep<T: MatrixScalar>(
    layerDims: [Int], scheme: Initializer = .scaledNormal, seed: UInt32 = 1, as type: T.Type = T.self
) throws(NetworkError) -> Parameters<T> {
    try validateLayerDims(layerDims)
    try checkParameterMemory(layerDims: layerDims, elementSize: MemoryLayout<T>.stride)
    var rng = NumPyRandom(seed: seed)
    var layers: [DenseParameters<T>] = []
    for l in 1..<layerDims.count {
        // Drawn and scaled in float64, as NumPy does (`randn(...) * 0.01`, `randn(...) / np.sqrt(n)`),
        // before any conversion to T.
        let W = Matrix<T>(rows: layerDims[l], columns: layerDims[l - 1]) { _, _ in
            T(scheme.weight(using: &rng, fanIn: layerDims[l - 1], fanOut: layerDims[l]))
        }
        layers.append(DenseParameters(W: W, b: Matrix(rows: layerDims[l], columns: 1)))
    }
    return Parameters(layers: layers)
}

/// Throws unless the parameters of `layerDims` fit ``BackpropIO/MemoryBudget/current``.
///
/// - Throws: ``NetworkError`` naming `layerDims`, the size and the budget.
func checkParameterMemory(layerDims: [Int], elementSize: Int) throws(NetworkError) {
    let bytes = NetworkArchitecture.course(layerDims: layerDims).parameterBytes(elementSize: elementSize)
    let budget = MemoryBudget.current
    guard budget.refusal(bytes: bytes, for: "") != nil else { return }
    throw NetworkError(argument: "layerDims", value: "\(layerDims) (the parameters need \(bytes.map(MemoryBudget.format(bytes:)) ?? "more than 8 EiB"))",
                       expected: "at most the memory budget (\(budget))")
}

/// Checks that `layerDims` describes a network: at least two sizes, each positive.
///
/// - Throws: ``NetworkError`` naming the first bad entry.
public func validateLayerDims(_ layerDims: [Int]) throws(NetworkError) {
    guard layerDims.count >= 2 else {
        throw NetworkError(
            argument: "layerDims", value: "\(layerDims)",
            expected: "at least two sizes (the input size and one layer)")
    }
    for (i, n) in layerDims.enumerated() where n <= 0 {
        throw NetworkError(argument: "layerDims[\(i)]", value: "\(n)", expected: "a positive layer size")
    }
}
