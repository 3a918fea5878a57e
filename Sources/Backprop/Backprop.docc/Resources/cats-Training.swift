import Backprop

/// The course's L-layer model, written out: initialise, then `iterations` times forward,
/// cost, backward and update. Returns the parameters and the cost of every iteration.
func trainCats(X: Matrix<Double>, Y: Matrix<Double>, layerDims: [Int], learningRate: Double = 0.0075,
               iterations: Int = 2500) throws -> (parameters: Parameters<Double>, costs: [Double]) {
    var parameters: Parameters<Double> = try initializeParametersDeep(
        layerDims: layerDims, scheme: .normalizedByFanIn, seed: 1)
    var costs: [Double] = []
    for i in 0..<iterations {
        let (AL, caches) = modelForward(X: X, parameters: parameters)
        costs.append(computeCost(AL: AL, Y: Y))
        let gradients = modelBackward(AL: AL, Y: Y, caches: caches)
        parameters = try updateParameters(parameters, gradients: gradients, learningRate: learningRate)
        if i % 100 == 0 { print("Cost after iteration \(i): \(costs[i])") }
    }
    return (parameters, costs)
}
