import Foundation
import Testing
import BackpropNN

/// Networks against NumPy (Fixtures/toolkit.json, "networks"): output, cost and every dW, db
/// for every activation and loss, with L2 and with fixed dropout masks. NumPy computes the
/// textbook unfused way (dA_L from the loss, then g'), the library fuses where stabler, so the
/// tolerance is 1e-10 relative (float64).
@Suite struct NetworkTests {
    static let cases = (ToolkitFixture.section("networks")).keys.sorted()

    func network(_ s: [String: Any]) throws -> Network<Double> {
        let activations = try (s["activations"] as! [String]).map { try #require(Activation(name: $0)) }
        let loss = try #require(Loss(name: s["loss"] as! String))
        let parameters = ToolkitFixture.parameters(s)
        let architecture = NetworkArchitecture(
            inputSize: parameters.layerDims[0],
            layers: zip(parameters.layerDims.dropFirst(), activations).map { LayerSpec(units: $0, activation: $1) },
            loss: loss)
        return try Network(architecture: architecture, parameters: parameters)
    }

    @Test func fixtureCoversEveryCase() {
        #expect(Self.cases.count == 10)
    }

    @Test(arguments: cases)
    func forwardCostAndGradientsMatchNumPy(name: String) throws {
        let s = (ToolkitFixture.section("networks"))[name] as! [String: Any]
        let net = try network(s)
        let X = Fixture.matrix(s["X"])
        let Y = try net.checkedTargets(X: X, labels: Fixture.matrix(s["labels"]))
        let lambda = ToolkitFixture.number(s["lambda"])
        var dropout: [DropoutMask<Double>?]?
        if let keep = s["keep"] as? [Double], let masks = s["masks"] as? [Any] {
            dropout = zip(masks, keep).map { mask, p in mask is NSNull ? nil : DropoutMask(mask: Fixture.matrix(mask), keepProbability: p) }
        }
        let (output, caches) = net.forward(X, dropout: dropout)
        expectClose(output, Fixture.matrix(s["output"]), tolerance: 1e-12, "\(name) output")
        let cost = net.cost(output: output, caches: caches, targets: Y, lambda: lambda)
        let expectedCost = ToolkitFixture.number(s["cost"])
        #expect(abs(cost - expectedCost) <= 1e-10 * max(1, abs(expectedCost)), "\(name) cost \(cost) vs \(expectedCost)")
        let grads = net.backward(output: output, caches: caches, targets: Y, lambda: lambda)
        let dW = ToolkitFixture.matrices(s["dW"]), db = ToolkitFixture.matrices(s["db"])
        for l in 1...net.layerCount {
            expectClose(grads.dW(l), dW[l - 1], tolerance: 1e-10, "\(name) dW\(l)")
            expectClose(grads.db(l), db[l - 1], tolerance: 1e-10, "\(name) db\(l)")
        }
        // The course's unfused formulas give the same gradients (same math, other rounding).
        let course = net.backward(output: output, caches: caches, targets: Y, lambda: lambda, numerics: .course)
        for l in 1...net.layerCount { expectClose(course.dW(l), dW[l - 1], tolerance: 1e-10, "\(name) course dW\(l)") }
    }

    @Test func courseNetworkIsModelForwardAndBackward() throws {
        // The course's L-layer network through Network gives modelForward/modelBackward's bits.
        let (X, Y) = try loadPlanarDataset(count: 40, seed: 1, as: Double.self)
        let net = try Network<Double>(architecture: .course(layerDims: [2, 5, 3, 1]),
                                      parameters: initializeParametersDeep(layerDims: [2, 5, 3, 1], scheme: .normalizedByFanIn, seed: 2))
        let (AL, caches) = modelForward(X: X, parameters: net.parameters)
        let (output, networkCaches) = net.forward(X)
        #expect(output == AL)
        let expected = modelBackward(AL: AL, Y: Y, caches: caches)
        let actual = net.backward(output: output, caches: networkCaches, targets: Y, numerics: .course)
        #expect(actual.layers == expected.layers)
        #expect(net.cost(output: output, caches: networkCaches, targets: Y, numerics: .course) == computeCost(AL: AL, Y: Y))
    }

    @Test func stableCostSurvivesSaturation() throws {
        // z = ±60: σ(z) rounds to exactly 1 (or 0) and the course formula gives inf; the stable one is exact.
        let parameters = Parameters<Double>(layers: [DenseParameters(W: Matrix([[60.0]]), b: Matrix([[0.0]]))])
        let net = try Network(architecture: NetworkArchitecture(inputSize: 1, layers: [LayerSpec(units: 1, activation: .sigmoid)], loss: .binaryCrossEntropy),
                              parameters: parameters)
        let X = Matrix<Double>([[1, -1]]), Y = Matrix<Double>([[0, 1]])
        let (output, caches) = net.forward(X)
        let cost = net.cost(output: output, caches: caches, targets: Y)
        #expect(abs(cost - 60) < 1e-12, "\(cost)")
        #expect(!net.cost(output: output, caches: caches, targets: Y, numerics: .course).isFinite)
        let grads = net.backward(output: output, caches: caches, targets: Y)
        #expect(grads.dW(1).isFinite && abs(grads.dW(1)[0, 0] - 1) < 1e-12)
    }

    @Test func predictions() throws {
        let net = try Network<Float>(inputSize: 2, layers: [LayerSpec(units: 4, activation: .relu), LayerSpec(units: 3, activation: .softmax)],
                                     loss: .categoricalCrossEntropy, initializer: .he, seed: 3)
        let X = Matrix<Float>([[0.5, -1, 2], [1, 0.25, -0.5]])
        let P = net.predictProbabilities(X)
        #expect(P.shape == (3, 3))
        for c in 0..<3 { #expect(abs(P.sum(axis: 0)[0, c] - 1) < 1e-6) }
        #expect(net.predictClasses(X) == P.argmaxOfColumns())
        #expect(Network<Float>.classes(fromOutput: Matrix([[0.2, 0.7, 0.5]])) == [0, 1, 0])
    }

    @Test func invalidArchitecturesAndParametersThrow() throws {
        #expect(throws: NetworkError(argument: "layers[0].units", value: "0", expected: "a positive layer size")) {
            _ = try Network<Float>(inputSize: 2, layers: [LayerSpec(units: 0, activation: .relu), LayerSpec(units: 1, activation: .sigmoid)], loss: .binaryCrossEntropy)
        }
        #expect(throws: NetworkError.self) {
            _ = try Network<Float>(inputSize: 0, layers: [LayerSpec(units: 1, activation: .sigmoid)], loss: .binaryCrossEntropy)
        }
        let softmaxInside = #expect(throws: NetworkError.self) {
            _ = try Network<Float>(inputSize: 2, layers: [LayerSpec(units: 3, activation: .softmax), LayerSpec(units: 2, activation: .softmax)], loss: .categoricalCrossEntropy)
        }
        #expect(softmaxInside?.argument == "layers[0].activation")
        let oneClass = #expect(throws: NetworkError.self) {
            _ = try Network<Float>(inputSize: 2, layers: [LayerSpec(units: 1, activation: .softmax)], loss: .categoricalCrossEntropy)
        }
        #expect(oneClass?.argument == "loss")
        let wrongShape = #expect(throws: NetworkError.self) {
            _ = try Network<Double>(architecture: .course(layerDims: [3, 2, 1]),
                                    parameters: initializeParametersDeep(layerDims: [4, 2, 1]))
        }
        #expect(wrongShape?.argument == "W1")
        #expect(wrongShape?.description.contains("(2, 4)") == true)
    }
}
