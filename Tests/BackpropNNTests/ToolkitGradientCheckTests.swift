import Testing
import BackpropNN

/// ``gradientCheck(network:X:labels:lambda:epsilon:gradients:)`` on every activation × loss combination:
/// the activation as the hidden layer (tanh when it is softmax, which is output-only) and as
/// the output layer wherever the loss is defined for it (probabilities in (0, 1) for the
/// cross-entropies), else the loss's natural output. ε = 1e-7, float64, with and without L2;
/// the course's threshold for a correct backward pass: relative difference < 1e-7.
@Suite struct ToolkitGradientCheckTests {
    static let activations: [Activation] = [.sigmoid, .relu, .tanh, .leakyRelu(slope: 0.1), .softmax, .identity]
    static let losses: [Loss] = [.binaryCrossEntropy, .categoricalCrossEntropy, .meanSquaredError]

    static func outputActivation(_ activation: Activation, for loss: Loss) -> Activation {
        switch (loss, activation) {
        case (.meanSquaredError, _), (_, .sigmoid), (_, .softmax): return activation
        default: return loss.naturalOutputActivation
        }
    }

    static func labels(for loss: Loss, outputs: Int, examples m: Int, rng: inout SeededGenerator) -> Matrix<Double> {
        switch loss {
        case .binaryCrossEntropy: return Matrix(rows: outputs, columns: m) { _, _ in rng.nextDouble() < 0.5 ? 1 : 0 }
        case .categoricalCrossEntropy: return Matrix(rows: 1, columns: m) { _, _ in Double(Int(rng.nextDouble() * Double(outputs))) }
        case .meanSquaredError: return rng.normal(rows: outputs, columns: m)
        }
    }

    @Test(arguments: activations, losses)
    func backwardMatchesFiniteDifferences(activation: Activation, loss: Loss) throws {
        var rng = SeededGenerator(seed: 99)
        let hidden: Activation = activation == .softmax ? .tanh : activation
        let output = Self.outputActivation(activation, for: loss)
        let outputs = 3
        let network = try Network<Double>(
            inputSize: 4,
            layers: [LayerSpec(units: 5, activation: hidden), LayerSpec(units: 4, activation: hidden), LayerSpec(units: outputs, activation: output)],
            loss: loss, initializer: .xavierNormal, seed: 8)
        let X = rng.normal(rows: 4, columns: 7, as: Double.self)
        let Y = Self.labels(for: loss, outputs: outputs, examples: 7, rng: &rng)
        for lambda in [0.0, 0.3] {
            let result = try gradientCheck(network: network, X: X, labels: Y, lambda: lambda)
            #expect(result.relativeDifference < 1e-7,
                    "\(hidden.name)/\(output.name) + \(loss.name), λ \(lambda): \(result.relativeDifference), worst \(result.worstParameter) \(result.perParameter[result.worstParameter]!)")
            #expect(result.perParameter.count == 6)
        }
    }

    @Test func aWrongGradientIsCaught() throws {
        // Gradients with one tensor off by 50 % must fail the check (course: "there is a mistake").
        var rng = SeededGenerator(seed: 5)
        let X = rng.normal(rows: 2, columns: 5, as: Double.self)
        let Y = Matrix<Double>([[1, 0, 1, 1, 0]])
        let net = try Network<Double>(inputSize: 2, layers: [LayerSpec(units: 3, activation: .tanh), LayerSpec(units: 1, activation: .sigmoid)],
                                      loss: .binaryCrossEntropy, initializer: .he, seed: 2)
        let (output, caches) = net.forward(X)
        var wrong = net.backward(output: output, caches: caches, targets: Y)
        #expect(try gradientCheck(network: net, X: X, labels: Y, gradients: wrong).relativeDifference < 1e-7)
        wrong.layers[0].W *= 1.5
        let result = try gradientCheck(network: net, X: X, labels: Y, gradients: wrong)
        #expect(result.relativeDifference > 1e-3)
        #expect(result.worstParameter == "W1")
    }
}
