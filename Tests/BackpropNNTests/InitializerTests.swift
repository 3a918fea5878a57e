import Testing
import BackpropNN

/// The initialisers against NumPy's legacy generator (Fixtures/toolkit.json, "initializers":
/// np.random.seed(3), layer dims [5, 4, 3, 1], stored as hexadecimal floats). Same draws, same
/// float64 arithmetic: exact.
@Suite struct InitializerTests {
    @Test(arguments: Initializer.allCases)
    func weightsMatchNumPy(initializer: Initializer) throws {
        let s = ToolkitFixture.section("initializers")[initializer.name] as! [String: Any]
        let dims = (s["layer_dims"] as! [Int])
        let parameters: Parameters<Double> = try initializer.parameters(layerDims: dims, seed: UInt32(s["seed"] as! Int))
        let expected = (s["W_hex"] as! [[[String]]]).map { Matrix($0.map { $0.map { Double($0)! } }) }
        #expect(expected.count == 3)
        for l in 1...3 {
            #expect(parameters.W(l) == expected[l - 1], "\(initializer.name) W\(l) differs by \(parameters.W(l).maxAbsoluteDifference(expected[l - 1]))")
            #expect(parameters.b(l) == Matrix(rows: dims[l], columns: 1))
        }
    }

    @Test func courseSchemesAreInitializeParametersDeep() throws {
        let dims = [6, 4, 1]
        let a: Parameters<Float> = try Initializer.normalizedByFanIn.parameters(layerDims: dims, seed: 1)
        let b: Parameters<Float> = try initializeParametersDeep(layerDims: dims, scheme: .normalizedByFanIn, seed: 1)
        #expect(a == b)
        let c: Parameters<Float> = try Initializer.scaledNormal.parameters(layerDims: dims, seed: 1)
        #expect(c == (try initializeParametersDeep(layerDims: dims, scheme: .scaledNormal, seed: 1)))
    }

    @Test func namesAndErrors() {
        for initializer in Initializer.allCases { #expect(Initializer(name: initializer.name) == initializer) }
        #expect(Initializer(name: "xavier") == .xavierNormal)
        #expect(Initializer(name: "lecun") == nil)
        #expect(throws: NetworkError.self) { let _: Parameters<Float> = try Initializer.he.parameters(layerDims: [3], seed: 1) }
        #expect(throws: NetworkError.self) { let _: Parameters<Float> = try Initializer.xavierUniform.parameters(layerDims: [3, 0, 1], seed: 1) }
    }
}
