import BackpropMatrix

/// How the weights of a new ``Network`` are drawn; biases start at zero.
///
/// Every scheme draws from `NumPyRandom` seeded like `np.random.seed(seed)`, layer by layer,
/// each W(l) filled row by row as NumPy fills `np.random.randn(n_l, n_{l-1})` (or
/// `np.random.uniform(-a, a, (n_l, n_{l-1}))`), in float64, before the conversion to the
/// network's scalar type. So every scheme is reproducible in NumPy; the two course schemes
/// give the course's weights. ``initializeParametersDeep(layerDims:scheme:seed:as:)`` draws them.
///
/// | case | W(l) | name |
/// |---|---|---|
/// | ``scaledNormal`` | randn × 0.01 | `course-0.01` |
/// | ``normalizedByFanIn`` | randn / √n_{l-1} | `course-sqrt` |
/// | ``he`` | randn × √(2 / n_{l-1}) | `he` |
/// | ``xavierNormal`` | randn × √(2 / (n_{l-1} + n_l)) | `xavier-normal` |
/// | ``xavierUniform`` | uniform(−a, a), a = √(6 / (n_{l-1} + n_l)) | `xavier-uniform` |
public enum Initializer: String, Equatable, Hashable, Sendable, CaseIterable {
    /// The course's `initialize_parameters` and `initialize_parameters_deep` in "Step by Step":
    /// W = randn × 0.01.
    case scaledNormal = "course-0.01"
    /// The course's `initialize_parameters_deep` in "Deep Neural Network - Application":
    /// W = randn / √n_{l-1}.
    case normalizedByFanIn = "course-sqrt"
    /// He et al. (2015), for relu layers (course: `initialize_parameters_he`): W = randn × √(2/n_{l-1}).
    case he
    /// Glorot & Bengio (2010), normal: W = randn × √(2 / (n_{l-1} + n_l)).
    case xavierNormal = "xavier-normal"
    /// Glorot & Bengio (2010), uniform: W ~ U(−a, a), a = √(6 / (n_{l-1} + n_l)).
    case xavierUniform = "xavier-uniform"

    /// The name the command line and model files use.
    public var name: String { rawValue }

    /// The initializer called `name` (see ``name``); also accepts "xavier" and "glorot" for
    /// ``xavierNormal``.
    public init?(name: String) {
        switch name {
        case "xavier", "glorot", "glorot-normal": self = .xavierNormal
        case "glorot-uniform": self = .xavierUniform
        default:
            guard let value = Initializer(rawValue: name) else { return nil }
            self = value
        }
    }

    /// New parameters for the layer sizes `layerDims` = [n_0, …, n_L]
    /// (``initializeParametersDeep(layerDims:scheme:seed:as:)`` with this scheme).
    ///
    /// - Parameters:
    ///   - layerDims: at least two sizes, all positive.
    ///   - seed: the NumPy seed.
    ///   - type: the scalar type of the result (`Float` or `Double`), when the context does not say.
    /// - Returns: W(l) (n_l, n_{l-1}) drawn as the table above says, b(l) (n_l, 1) zero.
    /// - Throws: ``NetworkError`` for fewer than two sizes or a size that is not positive.
    public func parameters<T: MatrixScalar>(
        layerDims: [Int], seed: UInt32, as type: T.Type = T.self
    ) throws(NetworkError) -> Parameters<T> {
        try initializeParametersDeep(layerDims: layerDims, scheme: self, seed: seed)
    }

    /// One weight of a layer with `fanIn` inputs and `fanOut` units, drawn from `rng` in
    /// float64 as the table above says.
    func weight(using rng: inout NumPyRandom, fanIn: Int, fanOut: Int) -> Double {
        let fanIn = Double(fanIn), fanOut = Double(fanOut)
        switch self {
        case .scaledNormal: return rng.nextGaussian() * 0.01
        case .normalizedByFanIn: return rng.nextGaussian() / fanIn.squareRoot()
        case .he: return rng.nextGaussian() * (2 / fanIn).squareRoot()
        case .xavierNormal: return rng.nextGaussian() * (2 / (fanIn + fanOut)).squareRoot()
        case .xavierUniform:
            // np.random.uniform(low, high): low + (high - low) * random_sample()
            let a = (6 / (fanIn + fanOut)).squareRoot()
            return -a + (a - -a) * rng.nextDouble()
        }
    }
}
