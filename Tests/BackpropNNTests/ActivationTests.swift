import Testing
import BackpropNN

/// Every activation's forward and backward against NumPy (Fixtures/toolkit.json, "activations";
/// softmax's backward there is the full Jacobian product). Tolerance 1e-12 relative.
@Suite struct ActivationTests {
    @Test(arguments: ["sigmoid", "relu", "tanh", "leaky-relu", "leaky-relu:0.2", "softmax", "identity"])
    func forwardAndBackwardMatchNumPy(name: String) throws {
        let s = ToolkitFixture.section("activations")
        let Z = Fixture.matrix(s["Z"]), dA = Fixture.matrix(s["dA"])
        let case_ = (s["cases"] as! [String: Any])[name] as! [String: Any]
        let activation = try #require(Activation(name: name))
        expectClose(activation.forward(Z), Fixture.matrix(case_["A"]), tolerance: 1e-12, "\(name) forward")
        expectClose(activation.backward(dA: dA, cache: Z), Fixture.matrix(case_["dZ"]), tolerance: 1e-12, "\(name) backward")
    }

    @Test func namesRoundTrip() {
        let all: [Activation] = [.sigmoid, .relu, .tanh, .leakyRelu(slope: 0.01), .leakyRelu(slope: 0.2), .softmax, .identity]
        for activation in all { #expect(Activation(name: activation.name) == activation, "\(activation.name)") }
        #expect(Activation(name: "leaky-relu") == .leakyRelu(slope: 0.01))
        #expect(Activation(name: "leaky-relu:0.3")?.name == "leaky-relu:0.3")
        #expect(Activation(name: "swish") == nil)
        #expect(Activation(name: "leaky-relu:abc") == nil)
        #expect(Activation(name: "leaky-relu:nan") == nil)
    }

    @Test func softmaxIsStableForLargeInputs() {
        let Z = Matrix<Float>([[1000, -1000], [1001, -999], [999, -1001]])
        let A = softmax(Z)
        #expect(A.isFinite)
        #expect(abs(A.sum(axis: 0)[0, 0] - 1) < 1e-6 && abs(A.sum(axis: 0)[0, 1] - 1) < 1e-6)
        // Shifting a column leaves its softmax unchanged.
        expectClose(A, softmax(Matrix<Float>([[0, 0], [1, 1], [-1, -1]])), tolerance: 1e-6, "shift invariance")
        #expect(logSoftmax(Z).isFinite)
    }

    @Test func floatAgreesWithDouble() throws {
        let s = ToolkitFixture.section("activations")
        let Z = Fixture.matrix(s["Z"]), dA = Fixture.matrix(s["dA"])
        for name in Activation.names {
            let activation = try #require(Activation(name: name))
            let single = activation.backward(dA: dA.converted(to: Float.self), cache: Z.converted(to: Float.self))
            expectClose(single.converted(to: Double.self), activation.backward(dA: dA, cache: Z), tolerance: 1e-5, name)
        }
    }
}
