import Testing
import BackpropNN

/// Invalid values from users throw NetworkError naming the argument and the value.
@Suite struct BadInputTests {
    @Test func emptyAndNegativeLayerSizes() {
        #expect(throws: NetworkError(argument: "layerDims", value: "[]", expected: "at least two sizes (the input size and one layer)")) {
            let _: Parameters<Double> = try initializeParametersDeep(layerDims: [])
        }
        #expect(throws: NetworkError(argument: "layerDims[1]", value: "-3", expected: "a positive layer size")) {
            let _: Parameters<Double> = try initializeParametersDeep(layerDims: [4, -3, 1])
        }
        #expect(throws: NetworkError.self) {
            let _: Parameters<Float> = try initializeParameters(nX: 3, nH: 0, nY: 1)
        }
    }

    @Test func learningRateMustBeFinite() throws {
        var p: Parameters<Double> = try initializeParameters(nX: 2, nH: 2, nY: 1)
        let g = Gradients(layers: p.layers, activations: [])
        for bad in [Double.nan, .infinity, -.infinity] {
            #expect(throws: NetworkError.self) { try updateParameters(&p, gradients: g, learningRate: bad) }
        }
        #expect(throws: NetworkError.self) {
            _ = try lLayerModel(X: Matrix<Double>(rows: 2, columns: 3), Y: Matrix(rows: 1, columns: 3), layerDims: [2, 1],
                                options: CourseTrainingOptions(learningRate: .nan))
        }
    }

    @Test func mismatchedExamples() {
        let error = #expect(throws: NetworkError.self) {
            _ = try lLayerModel(X: Matrix<Double>(rows: 2, columns: 3), Y: Matrix(rows: 1, columns: 4), layerDims: [2, 1])
        }
        #expect(error?.argument == "Y")
        #expect(error?.description.contains("(1, 4)") == true)
        #expect(throws: NetworkError.self) {
            _ = try twoLayerModel(X: Matrix<Double>(rows: 5, columns: 3), Y: Matrix(rows: 1, columns: 3), layerDims: (2, 2, 1))
        }
    }
}
