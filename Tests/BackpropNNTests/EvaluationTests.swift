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
