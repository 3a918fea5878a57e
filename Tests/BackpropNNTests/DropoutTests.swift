import Testing
import BackpropNN

/// Inverted dropout: seeded masks, the course's scaling, and a training run that uses it.
/// (Forward and backward with fixed masks are checked against NumPy in NetworkTests.)
@Suite struct DropoutTests {
    @Test func masksAreSeededAndKeepTheRightFraction() {
        var a = SeededGenerator(seed: 4), b = SeededGenerator(seed: 4)
        let m1 = DropoutMask<Float>.random(rows: 50, columns: 200, keepProbability: 0.8, using: &a)
        let m2 = DropoutMask<Float>.random(rows: 50, columns: 200, keepProbability: 0.8, using: &b)
        #expect(m1 == m2)
        #expect(m1.mask.elements.allSatisfy { $0 == 0 || $0 == 1 })
        let kept = m1.mask.sum() / Float(m1.mask.count)
        #expect(abs(kept - 0.8) < 0.02, "\(kept)")
    }

    @Test func applyScalesByTheKeepProbability() {
        var A = Matrix<Double>([[1, 2], [3, 4]])
        DropoutMask(mask: Matrix([[1, 0], [0, 1]]), keepProbability: 0.5).apply(to: &A)
        #expect(A == Matrix([[2, 0], [0, 8]]))
    }

    @Test func networkMasksSkipLayersKeptWhole() throws {
        let net = try Network<Float>(inputSize: 3, layers: [LayerSpec(units: 4, activation: .relu), LayerSpec(units: 2, activation: .relu), LayerSpec(units: 1, activation: .sigmoid)],
                                     loss: .binaryCrossEntropy)
        var generator = SeededGenerator(seed: 1)
        let masks = net.dropoutMasks(keepProbabilities: [0.5, 1, 1], examples: 6, using: &generator)
        #expect(masks[0]?.mask.rows == 4 && masks[0]?.mask.columns == 6 && masks[1] == nil && masks[2] == nil)
        #expect(throws: NetworkError(argument: "keepProbability", value: "0.0", expected: "a keep probability in (0, 1]")) {
            try validateKeepProbability(0)
        }
        try validateKeepProbability(1)
    }
}
