import BackpropMatrix

/// The result of ``gradientCheck(network:X:labels:lambda:epsilon:gradients:)``.
public struct GradientCheckResult: Sendable, Equatable {
    /// The course's relative difference over all parameters:
    /// ‖g − g_approx‖₂ / (‖g‖₂ + ‖g_approx‖₂) (0 when both are 0). Below about 1e-7 the
    /// backward pass is right; above 1e-3 it is almost surely wrong.
    public var relativeDifference: Double
    /// The same measure for each tensor, by name ("W1", "b1", …).
    public var perParameter: [String: Double]
    /// The name of the tensor with the largest relative difference.
    public var worstParameter: String
}

/// Gradient checking: compares the gradients of ``Network/backward(output:caches:targets:lambda:numerics:computingInputGradient:)``
/// with centred finite differences of the cost, in float64.
///
/// For every parameter θ_i (every element of every W(l) and b(l)):
/// g_approx_i = (J(θ + ε e_i) − J(θ − ε e_i)) / (2ε), where J is
/// ``Network/cost(output:caches:targets:lambda:numerics:)`` (stable numerics, L2 term included,
/// no dropout), and the result is the course's relative difference.
///
/// Course: `gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7)`.
///
/// This costs two forward passes per parameter: use small networks and few examples. Relu and
/// leaky relu have a kink at 0; an example sitting within ε of it can spoil the check.
///
/// - Parameters:
///   - network: the network, in float64.
///   - X: the inputs, (n_0, m).
///   - labels: as ``Loss/targets(from:outputCount:argument:)`` takes them.
///   - lambda: the L2 strength to include.
///   - epsilon: ε (the course uses 1e-7).
///   - gradients: the gradients to check (course: the `gradients` argument); `nil` computes them
///     with the network's backward pass.
/// - Throws: ``NetworkError`` when X or the labels do not fit the network.
public func gradientCheck(
    network: Network<Double>, X: Matrix<Double>, labels: Matrix<Double>, lambda: Double = 0, epsilon: Double = 1e-7,
    gradients: Gradients<Double>? = nil
) throws(NetworkError) -> GradientCheckResult {
    let Y = try network.checkedTargets(X: X, labels: labels)
    func J(_ candidate: Network<Double>) -> Double {
        let (output, caches) = candidate.forward(X)
        return candidate.cost(output: output, caches: caches, targets: Y, lambda: lambda)
    }
    let gradients = gradients ?? {
        let (output, caches) = network.forward(X)
        return network.backward(output: output, caches: caches, targets: Y, lambda: lambda)
    }()
    precondition(gradients.layers.count == network.layerCount, "gradientCheck: \(gradients.layers.count) gradient layers for \(network.layerCount) layers")

    var totalDifference = 0.0, totalAnalytic = 0.0, totalNumeric = 0.0
    var perParameter: [String: Double] = [:]
    for l in 1...network.layerCount {
        for kind in ["W", "b"] {
            let analytic = kind == "W" ? gradients.dW(l) : gradients.db(l)
            var difference = 0.0, analyticNorm = 0.0, numericNorm = 0.0
            var probe = network
            for i in 0..<analytic.count {
                let original = kind == "W" ? network.parameters.layers[l - 1].W.elements[i] : network.parameters.layers[l - 1].b.elements[i]
                func set(_ value: Double) {
                    if kind == "W" { probe.parameters.layers[l - 1].W.elements[i] = value } else { probe.parameters.layers[l - 1].b.elements[i] = value }
                }
                set(original + epsilon)
                let plus = J(probe)
                set(original - epsilon)
                let minus = J(probe)
                set(original)
                let numeric = (plus - minus) / (2 * epsilon)
                let g = analytic.elements[i]
                difference += (g - numeric) * (g - numeric)
                analyticNorm += g * g
                numericNorm += numeric * numeric
            }
            let denominator = analyticNorm.squareRoot() + numericNorm.squareRoot()
            perParameter["\(kind)\(l)"] = denominator == 0 ? 0 : difference.squareRoot() / denominator
            totalDifference += difference
            totalAnalytic += analyticNorm
            totalNumeric += numericNorm
        }
    }
    let denominator = totalAnalytic.squareRoot() + totalNumeric.squareRoot()
    let worst = perParameter.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }?.key ?? "W1"
    return GradientCheckResult(
        relativeDifference: denominator == 0 ? 0 : totalDifference.squareRoot() / denominator,
        perParameter: perParameter, worstParameter: worst)
}
