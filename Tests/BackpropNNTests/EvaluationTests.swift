import Testing
import BackpropNN

/// Confusion matrices, precision, recall and F1 against NumPy (Fixtures/toolkit.json,
/// "evaluation": a 4-class case where class 3 is never predicted, and a binary case).
/// Tolerance 1e-15.
@Suite struct EvaluationTests {
    @Test(arguments: ["multiclass", "binary"])
    func metricsMatchNumPy(name: String) throws {
        let s = ToolkitFixture.section("evaluation")[name] as! [String: Any]
        let predicted = s["predicted"] as! [Int], labels = s["labels"] as! [Int], n = s["classes"] as! Int
        let matrix = try ConfusionMatrix(predicted: predicted, labels: labels, classCount: n)
        #expect(matrix.counts == s["counts"] as! [[Int]])
        let precision = s["precision"] as! [Double], recall = s["recall"] as! [Double], f1 = s["f1"] as! [Double]
        for c in 0..<n {
            #expect(abs(matrix.precision(of: c) - precision[c]) < 1e-15, "precision \(c)")
            #expect(abs(matrix.recall(of: c) - recall[c]) < 1e-15, "recall \(c)")
            #expect(abs(matrix.f1(of: c) - f1[c]) < 1e-15, "f1 \(c)")
        }
        #expect(abs(matrix.macroPrecision - ToolkitFixture.number(s["macro_precision"])) < 1e-15)
        #expect(abs(matrix.macroRecall - ToolkitFixture.number(s["macro_recall"])) < 1e-15)
        #expect(abs(matrix.macroF1 - ToolkitFixture.number(s["macro_f1"])) < 1e-15)
        #expect(abs(matrix.accuracy - ToolkitFixture.number(s["accuracy"])) < 1e-15)
        #expect(abs(accuracy(predicted: predicted, labels: labels) - ToolkitFixture.number(s["accuracy"])) < 1e-15)
        #expect(matrix.total == labels.count)
    }

    /// A network evaluated on more examples than one forward pass takes (4096: the evaluation
    /// and the prediction go batch by batch) gives the cost of one whole forward pass within
    /// 1e-12 relative, its accuracy exactly and its outputs within 1e-12, for softmax classes
    /// and for a sigmoid output.
    @Test(arguments: [3, 1])
    func evaluationInBatchesIsOneWholePass(outputs: Int) throws {
        let m = 2 * 4096 + 321, n = 4
        var generator = SeededGenerator(seed: 11)
        let X = Matrix<Double>(rows: n, columns: m) { _, _ in Double.random(in: -2...2, using: &generator) }
        let labels = Matrix<Double>(rows: 1, columns: m) { _, j in Double((j * 7 + Int(X[0, j] > 0 ? 1 : 0)) % max(outputs, 2)) }
        let network = try Network<Double>(
            inputSize: n, layers: [LayerSpec(units: 16, activation: .relu), LayerSpec(units: outputs, activation: outputs == 1 ? .sigmoid : .softmax)],
            loss: outputs == 1 ? .binaryCrossEntropy : .categoricalCrossEntropy, initializer: .he, seed: 5)
        let metrics = try network.evaluate(X: X, labels: labels)
        let whole = try network.cost(X: X, labels: labels)
        let classes = labels.elements.map { Int($0) }
        #expect(abs(metrics.cost - whole) <= 1e-12 * abs(whole), "\(metrics.cost) against \(whole)")
        #expect(metrics.accuracy == accuracy(predicted: network.predictClasses(X), labels: classes))
        let predicted = network.predictProbabilities(X), output = network.forward(X).output
        #expect(predicted.rows == outputs && predicted.columns == m && predicted.maxAbsoluteDifference(output) <= 1e-12)
        #expect(Network<Double>.classes(fromOutput: output) == network.predictClasses(X))
    }

    @Test func badClassesThrow() {
        #expect(throws: NetworkError(argument: "labels", value: "class 5 at example 1", expected: "a class in 0..<3")) {
            _ = try ConfusionMatrix(predicted: [0, 1], labels: [0, 5], classCount: 3)
        }
        #expect(throws: NetworkError.self) { _ = try ConfusionMatrix(predicted: [0], labels: [0, 1]) }
        #expect(throws: NetworkError.self) { _ = try ConfusionMatrix(predicted: [-1], labels: [0]) }
    }

    @Test func tableText() throws {
        let matrix = try ConfusionMatrix(predicted: [0, 1, 1], labels: [0, 1, 0])
        #expect(matrix.description.split(separator: "\n").count == 3)
        #expect(matrix.counts == [[1, 1], [0, 1]])
    }
}
