import Testing
import BackpropNN

/// The optimisers against the course's update rules in NumPy (Fixtures/toolkit.json,
/// "optimizers"): three steps each of gd, momentum (β 0.9), RMSProp (β 0.9, ε 1e-8) and Adam
/// (0.9, 0.999, 1e-8) with α 0.01, parameters and moments after every step. Tolerance 1e-12
/// relative (float64).
@Suite struct OptimizerTests {
    static func parameters(_ list: [Matrix<Double>]) -> Parameters<Double> {
        Parameters(layers: [DenseParameters(W: list[0], b: list[1]), DenseParameters(W: list[2], b: list[3])])
    }
    static func flat(_ layers: [DenseParameters<Double>]) -> [Matrix<Double>] { layers.flatMap { [$0.W, $0.b] } }

    @Test(arguments: ["gd", "momentum", "rmsprop", "adam"])
    func stepsMatchNumPy(name: String) throws {
        let s = ToolkitFixture.section("optimizers")[name] as! [String: Any]
        let optimizer = try #require(Optimizer(name: name))
        var parameters = Self.parameters(ToolkitFixture.matrices(s["initial"]))
        var state = OptimizerState(optimizer: optimizer, parameters: parameters)
        let history = s["history"] as! [[String: Any]]
        let grads = (s["grads"] as! [Any]).map(ToolkitFixture.matrices)
        #expect(history.count == 3)
        for (t, (g, expected)) in zip(grads, history).enumerated() {
            let gradients = Gradients(layers: Self.parameters(g).layers, activations: [])
            state.update(&parameters, gradients: gradients, learningRate: ToolkitFixture.number(s["learning_rate"]))
            #expect(state.step == t + 1)
            for (i, (actual, wanted)) in zip(Self.flat(parameters.layers), ToolkitFixture.matrices(expected["params"])).enumerated() {
                expectClose(actual, wanted, tolerance: 1e-12, "\(name) step \(t + 1) parameter \(i)")
            }
            if optimizer.usesFirstMoment {
                for (actual, wanted) in zip(Self.flat(state.firstMoments), ToolkitFixture.matrices(expected["v"])) {
                    expectClose(actual, wanted, tolerance: 1e-12, "\(name) v")
                }
            }
            if optimizer.usesSecondMoment {
                for (actual, wanted) in zip(Self.flat(state.secondMoments), ToolkitFixture.matrices(expected["s"])) {
                    expectClose(actual, wanted, tolerance: 1e-12, "\(name) s")
                }
            }
        }
    }

    @Test func stateExportsAndImportsByName() throws {
        var parameters: Parameters<Float> = try Initializer.he.parameters(layerDims: [3, 4, 2], seed: 1)
        var state = OptimizerState(optimizer: .adam(), parameters: parameters)
        let grads = Gradients(layers: parameters.layers, activations: [])
        state.update(&parameters, gradients: grads, learningRate: 0.1)
        state.update(&parameters, gradients: grads, learningRate: 0.1)
        let tensors = state.namedTensors
        #expect(Set(tensors.keys) == ["adam.v.W1", "adam.v.b1", "adam.v.W2", "adam.v.b2", "adam.s.W1", "adam.s.b1", "adam.s.W2", "adam.s.b2"])
        let restored = try OptimizerState(optimizer: .adam(), parameters: parameters, namedTensors: tensors, step: state.step)
        #expect(restored == state)
        #expect(OptimizerState<Float>(optimizer: .gradientDescent, parameters: parameters).namedTensors.isEmpty)
        #expect(Set(OptimizerState<Float>(optimizer: .momentum(), parameters: parameters).namedTensors.keys) == ["momentum.v.W1", "momentum.v.b1", "momentum.v.W2", "momentum.v.b2"])

        var missing = tensors
        missing["adam.s.b2"] = nil
        let error = #expect(throws: NetworkError.self) {
            _ = try OptimizerState(optimizer: .adam(), parameters: parameters, namedTensors: missing, step: 2)
        }
        #expect(error?.argument == "adam.s.b2")
        var wrong = tensors
        wrong["adam.v.W1"] = Matrix(rows: 3, columns: 4)
        #expect(throws: NetworkError(argument: "adam.v.W1", value: "shape (3, 4)", expected: "(4, 3)")) {
            _ = try OptimizerState(optimizer: .adam(), parameters: parameters, namedTensors: wrong, step: 2)
        }
    }

    @Test func namesAndValidation() throws {
        for name in Optimizer.names { #expect(Optimizer(name: name)?.name == name) }
        #expect(Optimizer(name: "sgd") == .gradientDescent)
        #expect(Optimizer(name: "adagrad") == nil)
        #expect(throws: NetworkError.self) { try Optimizer.adam(beta1: 1).validate() }
        #expect(throws: NetworkError.self) { try Optimizer.rmsProp(beta: 0.9, epsilon: 0).validate() }
        try Optimizer.adam().validate()
    }

    @Test func learningRateSchedules() throws {
        #expect(LearningRateSchedule.constant.learningRate(initial: 0.1, epoch: 7) == 0.1)
        #expect(LearningRateSchedule.step(every: 3, factor: 0.5).learningRate(initial: 0.1, epoch: 7) == 0.1 * 0.25)
        #expect(abs(LearningRateSchedule.exponential(rate: 0.9).learningRate(initial: 0.1, epoch: 2) - 0.081) < 1e-15)
        // The course's schedule_lr_decay(0.5, epoch_num=100, decay_rate=0.3, time_interval=1000) = 0.5.
        #expect(LearningRateSchedule.inverseTime(decayRate: 0.3, interval: 1000).learningRate(initial: 0.5, epoch: 100) == 0.5)
        #expect(LearningRateSchedule.inverseTime(decayRate: 1, interval: 1).learningRate(initial: 0.5, epoch: 2) == 0.5 / 3)
        #expect(throws: NetworkError.self) { try LearningRateSchedule.step(every: 0, factor: 0.5).validate() }
        #expect(throws: NetworkError.self) { try LearningRateSchedule.exponential(rate: -1).validate() }
    }
}
