import Testing
import Backprop
import BackpropTestSupport

/// The code of the article "The course in Swift, cell by cell" (Backprop.docc/CourseCellByCell.md),
/// line for line: ``DocumentationSnippetTests`` checks that every Swift block of the article
/// appears here, and each test checks the output the course publishes
/// (../shared/reference/course-reference.md, 8 printed decimals).
@Suite struct CourseArticleTests {
    @Test func sigmoidAndRelu() {
        let Z = Matrix<Double>([[-1, 0, 2]])
        let (A, cache) = (sigmoid(Z), Z)             // sigmoid(Z) returns A; the cache is Z itself
        print(A)                                     // [[0.26894142 0.5 0.88079708]]
        print(relu(Z))                               // [[0. 0. 2.]]
        let dZ = sigmoidBackward(dA: Matrix([[1, 1, 1]]), cache: cache)
        print(dZ)                                    // [[0.19661193 0.25 0.10499359]]
        print(reluBackward(dA: Matrix([[1, 1, 1]]), cache: cache))   // [[0. 0. 1.]]
        #expect(A.description == "[[0.26894142 0.5 0.88079708]]")
        #expect(relu(Z).description == "[[0. 0. 2.]]")
        #expect(dZ.description == "[[0.19661193 0.25 0.10499359]]")
        #expect(reluBackward(dA: Matrix([[1, 1, 1]]), cache: cache).description == "[[0. 0. 1.]]")
    }

    @Test func initializeParametersTwoLayer() throws {
        let parameters: Parameters<Double> = try initializeParameters(nX: 3, nH: 2, nY: 1, seed: 1)
        print(parameters.W(1))   // [[0.01624345 -0.00611756 -0.00528172]
                                 //  [-0.01072969 0.00865408 -0.02301539]]
        print(parameters.W(2))   // [[0.01744812 -0.00761207]]
        #expect(parameters.W(1).maxAbsoluteDifference(Matrix([[0.01624345, -0.00611756, -0.00528172], [-0.01072969, 0.00865408, -0.02301539]])) < 5e-9)
        #expect(parameters.W(2).maxAbsoluteDifference(Matrix([[0.01744812, -0.00761207]])) < 5e-9)
        #expect(parameters.b(1) == Matrix(rows: 2, columns: 1))
    }

    @Test func initializeParametersDeepBothSchemes() throws {
        let stepByStep: Parameters<Double> = try initializeParametersDeep(layerDims: [5, 4, 3], seed: 3)
        print(stepByStep.W(1)[0, 0])  // 0.017886284734303187 (randn × 0.01, the step-by-step notebook)
        let application: Parameters<Double> = try initializeParametersDeep(
            layerDims: [5, 4, 3], scheme: .normalizedByFanIn, seed: 3)
        print(application.W(1)[0, 0])  // 0.7998989706163737 (randn / √n_{l-1}, the application notebook)
        #expect(abs(stepByStep.W(1)[0, 0] - 0.01788628) < 5e-9)
        #expect(abs(application.W(1)[0, 0] - 1.7886284734303186 / 5.0.squareRoot()) < 1e-15)
        #expect(stepByStep.W(2).maxAbsoluteDifference(Matrix([
            [-0.01185047, -0.0020565, 0.01486148, 0.00236716],
            [-0.01023785, -0.00712993, 0.00625245, -0.00160513],
            [-0.00768836, -0.00230031, 0.00745056, 0.01976111]])) < 5e-9)
    }

    @Test func linearForwardCell() {
        var rng = NumPyRandom(seed: 1)                       // np.random.seed(1)
        let A: Matrix<Double> = rng.randn(rows: 3, columns: 2)
        let W: Matrix<Double> = rng.randn(rows: 1, columns: 3)
        let b: Matrix<Double> = rng.randn(rows: 1, columns: 1)
        let (Z, cache) = linearForward(A: A, W: W, b: b)
        print(Z)                                             // [[3.26295337 -1.23429987]]
        #expect(Z.description == "[[3.26295337 -1.23429987]]")
        #expect(cache.A == A && cache.W == W && cache.b == b)
    }

    @Test func linearActivationForwardCell() {
        var rng = NumPyRandom(seed: 2)
        let APrev: Matrix<Double> = rng.randn(rows: 3, columns: 2)
        let W: Matrix<Double> = rng.randn(rows: 1, columns: 3)
        let b: Matrix<Double> = rng.randn(rows: 1, columns: 1)
        let (A, _) = linearActivationForward(APrev: APrev, W: W, b: b, activation: .sigmoid)
        print(A)                                             // [[0.96890023 0.11013289]]
        let (AReLU, _) = linearActivationForward(APrev: APrev, W: W, b: b, activation: .relu)
        print(AReLU)                                         // [[3.43896131 0.]]
        #expect(A.description == "[[0.96890023 0.11013289]]")
        #expect(AReLU.description == "[[3.43896131 0.]]")
    }

    @Test func modelForwardCell() {
        var rng = NumPyRandom(seed: 6)
        let X: Matrix<Double> = rng.randn(rows: 5, columns: 4)
        let layers = [(4, 5), (3, 4), (1, 3)].map { (n, nPrev) in
            DenseParameters<Double>(W: rng.randn(rows: n, columns: nPrev), b: rng.randn(rows: n, columns: 1))
        }
        let (AL, caches) = modelForward(X: X, parameters: Parameters(layers: layers))
        print(AL)              // [[0.03921668 0.70498921 0.19734387 0.04728177]]
        print(caches.count)    // 3
        #expect(AL.description == "[[0.03921668 0.70498921 0.19734387 0.04728177]]")
        #expect(caches.count == 3)
    }

    @Test func computeCostCell() {
        let cost = computeCost(AL: Matrix<Double>([[0.8, 0.9, 0.4]]), Y: Matrix([[1, 1, 0]]))
        print(cost)            // 0.2797765635793422
        #expect(cost == 0.2797765635793422)
    }

    @Test func linearBackwardCell() {
        var rng = NumPyRandom(seed: 1)
        let dZ: Matrix<Double> = rng.randn(rows: 3, columns: 4)
        let cache = LinearCache<Double>(A: rng.randn(rows: 5, columns: 4), W: rng.randn(rows: 3, columns: 5),
                                        b: rng.randn(rows: 3, columns: 1))
        let (dAPrev, dW, db) = linearBackward(dZ: dZ, cache: cache)
        print(db)              // [[-0.14713786]
                               //  [-0.11313155]
                               //  [-0.13209101]]
        #expect(db.maxAbsoluteDifference(Matrix([[-0.14713786], [-0.11313155], [-0.13209101]])) < 5e-9)
        #expect(abs(dAPrev[0, 0] - -1.15171336) < 5e-9 && abs(dW[0, 0] - 0.07313866) < 5e-9)
        #expect(dAPrev.shape == (rows: 5, columns: 4) && dW.shape == (rows: 3, columns: 5))
    }

    @Test func linearActivationBackwardCell() {
        var rng = NumPyRandom(seed: 2)
        let dA: Matrix<Double> = rng.randn(rows: 1, columns: 2)
        let linear = LinearCache<Double>(A: rng.randn(rows: 3, columns: 2), W: rng.randn(rows: 1, columns: 3),
                                         b: rng.randn(rows: 1, columns: 1))
        let cache = LinearActivationCache(linear: linear, Z: rng.randn(rows: 1, columns: 2))
        let sigmoidGradients = linearActivationBackward(dA: dA, cache: cache, activation: .sigmoid)
        print(sigmoidGradients.db)   // [[-0.05729622]]
        let reluGradients = linearActivationBackward(dA: dA, cache: cache, activation: .relu)
        print(reluGradients.db)      // [[-0.20837892]]
        #expect(sigmoidGradients.db.description == "[[-0.05729622]]")
        #expect(reluGradients.db.description == "[[-0.20837892]]")
        #expect(sigmoidGradients.dW.maxAbsoluteDifference(Matrix([[0.10266786, 0.09778551, -0.01968084]])) < 5e-9)
        #expect(reluGradients.dAPrev.maxAbsoluteDifference(Matrix([[0.44090989, 0], [0.37883606, 0], [-0.2298228, 0]])) < 5e-9)
    }

    @Test func modelBackwardCell() {
        var rng = NumPyRandom(seed: 3)
        let AL: Matrix<Double> = rng.randn(rows: 1, columns: 2)
        let Y = Matrix<Double>([[1, 0]])
        let caches = [(4, 3), (3, 1)].map { (nPrev, n) in
            let linear = LinearCache<Double>(A: rng.randn(rows: nPrev, columns: 2), W: rng.randn(rows: n, columns: nPrev),
                                             b: rng.randn(rows: n, columns: 1))
            return LinearActivationCache(linear: linear, Z: rng.randn(rows: n, columns: 2))
        }
        let gradients = modelBackward(AL: AL, Y: Y, caches: caches)
        print(gradients.db(1))       // [[-0.22007063]
                                     //  [0.]
                                     //  [-0.02835349]]
        #expect(gradients.db(1).maxAbsoluteDifference(Matrix([[-0.22007063], [0], [-0.02835349]])) < 5e-9)
        #expect(gradients.dW(1).maxAbsoluteDifference(Matrix([
            [0.41010002, 0.07807203, 0.13798444, 0.10502167], [0, 0, 0, 0],
            [0.05283652, 0.01005865, 0.01777766, 0.0135308]])) < 5e-9)
        #expect(gradients.dA(1).maxAbsoluteDifference(Matrix([
            [0.12913162, -0.44014127], [-0.14175655, 0.48317296], [0.01663708, -0.05670698]])) < 5e-9)
    }

    @Test func updateParametersCell() throws {
        var rng = NumPyRandom(seed: 2)
        let parameters = Parameters<Double>(layers: [(3, 4), (1, 3)].map { (n, nPrev) in
            DenseParameters(W: rng.randn(rows: n, columns: nPrev), b: rng.randn(rows: n, columns: 1))
        })
        rng = NumPyRandom(seed: 3)
        let gradients = Gradients<Double>(layers: [(3, 4), (1, 3)].map { (n, nPrev) in
            DenseParameters(W: rng.randn(rows: n, columns: nPrev), b: rng.randn(rows: n, columns: 1))
        }, activations: [])
        let updated = try updateParameters(parameters, gradients: gradients, learningRate: 0.1)
        print(updated.b(2))          // [[-0.84610769]]
        #expect(updated.b(2).description == "[[-0.84610769]]")
        #expect(updated.W(2).maxAbsoluteDifference(Matrix([[-0.55569196, 0.0354055, 1.32964895]])) < 5e-9)
        #expect(updated.b(1).maxAbsoluteDifference(Matrix([[-0.04659241], [-1.28888275], [0.53405496]])) < 5e-9)
    }

    /// The two models on the course's cat images: compiled always, run with the course data
    /// (a few iterations here, in a debug build; `.ci/release-checks` runs all 2500 through
    /// `backprop course --check`).
    @Test(.requiresCourseData) func modelsAndPredict() throws {
        let cats = try Dataset<Double>.catImages(folder: CourseDataLocation.folder)
        let options = CourseTrainingOptions(iterations: 2)    // the course: 2500
        let (twoLayer, twoLayerCosts) = try twoLayerModel(
            X: cats.train.X, Y: cats.train.labels!, layerDims: (nX: 12288, nH: 7, nY: 1), options: options)
        print(twoLayerCosts[0].cost)  // 0.6930497356599888
        let (deep, deepCosts) = try lLayerModel(
            X: cats.train.X, Y: cats.train.labels!, layerDims: [12288, 20, 7, 5, 1], options: options)
        print(deepCosts[0].cost)      // 0.7717493284237686
        let predictions = predict(X: cats.test.X, parameters: deep)
        print(accuracy(predictions: predictions, labels: cats.test.labels!))   // 0.8 after 2500 iterations
        #expect(abs(twoLayerCosts[0].cost - 0.6930497356599888) < 1e-15)
        #expect(deepCosts[0].cost == 0.7717493284237686)
        #expect(twoLayer.W(1).shape == (rows: 7, columns: 12288))
        #expect(predictions.shape == (rows: 1, columns: 50))
    }
}
