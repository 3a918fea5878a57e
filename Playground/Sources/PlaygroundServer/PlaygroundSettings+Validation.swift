import Backprop

extension PlaygroundSettings {
    /// Checks every value against `limits`.
    ///
    /// - Throws: ``PlaygroundError`` naming the first field out of range.
    public func validate(_ limits: PlaygroundLimits) throws(PlaygroundError) {
        try check("noise", noise, 0...0.5)
        try check("trainFraction", trainFraction, 0.1...0.9)
        try check("points", Double(points), 20...Double(limits.maxPoints))
        guard !features.isEmpty, Set(features).count == features.count else {
            throw .invalid("features", expected: "at least one feature, none twice", found: "\(features.map(\.rawValue))")
        }
        guard hiddenLayers.count <= limits.maxHiddenLayers, hiddenLayers.allSatisfy({ (1...limits.maxNeurons).contains($0) }) else {
            throw .invalid("hiddenLayers", expected: "at most \(limits.maxHiddenLayers) layers of 1…\(limits.maxNeurons) neurons", found: "\(hiddenLayers)")
        }
        try checkName("activation", activation, Self.activations.keys.sorted())
        try check("learningRate", learningRate, 1e-6...10)
        try checkName("regularization", regularization, Self.regularizations)
        try check("regularizationRate", regularizationRate, 0...10)
        try check("batchSize", Double(batchSize), 1...Double(max(trainingCount, 1)))
        try checkName("optimizer", optimizer, Self.optimizers)
        try check("stepsPerSecond", Double(stepsPerSecond), 1...Double(limits.maxStepsPerSecond))
    }

    /// The number of training points.
    public var trainingCount: Int { Int((Double(points) * trainFraction).rounded()) }

    func check(_ field: String, _ value: Double, _ range: ClosedRange<Double>) throws(PlaygroundError) {
        guard value.isFinite, range.contains(value) else {
            throw .invalid(field, expected: "a number in \(range.lowerBound)…\(range.upperBound)", found: "\(value)")
        }
    }

    func checkName(_ field: String, _ value: String, _ names: [String]) throws(PlaygroundError) {
        guard names.contains(value) else {
            throw .invalid(field, expected: "one of \(names.joined(separator: ", "))", found: "\"\(value.prefix(40))\"")
        }
    }

    /// Whether going from `self` to `other` needs a new network (new data, shape or optimiser);
    /// the learning rate, the regularisation, the batch size and the speed change in place.
    public func needsReset(becoming other: PlaygroundSettings) -> Bool {
        var a = self, b = other
        for s in [\PlaygroundSettings.learningRate, \.regularizationRate] { a[keyPath: s] = 0; b[keyPath: s] = 0 }
        a.regularization = ""; b.regularization = ""
        a.batchSize = 0; b.batchSize = 0
        a.stepsPerSecond = 0; b.stepsPerSecond = 0
        return a != b
    }
}
