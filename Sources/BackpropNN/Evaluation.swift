/// The fraction of `predicted` classes equal to `labels`, in [0, 1] (0 for no examples).
///
/// - Precondition: both lists have the same length.
public func accuracy(predicted: [Int], labels: [Int]) -> Double {
    precondition(predicted.count == labels.count, "accuracy: \(predicted.count) predictions for \(labels.count) labels")
    guard !labels.isEmpty else { return 0 }
    return Double(zip(predicted, labels).count { $0 == $1 }) / Double(labels.count)
}

/// Counts of (true class, predicted class) pairs, with precision, recall and F1 per class and
/// their macro averages. For a binary problem, class 1 is the positive class: `precision(of: 1)`.
///
/// A ratio whose denominator is 0 (a class never predicted, or never present) is 0, as
/// scikit-learn's `zero_division=0` makes it.
public struct ConfusionMatrix: Sendable, Equatable, CustomStringConvertible {
    /// The number of classes n; classes are 0..<n.
    public let classCount: Int
    /// counts[t][p]: the number of examples of true class t predicted as p.
    public private(set) var counts: [[Int]]

    /// The confusion matrix of `predicted` against `labels`.
    ///
    /// - Parameters:
    ///   - predicted: the predicted class of every example.
    ///   - labels: the true class of every example.
    ///   - classCount: n; `nil` takes 1 + the largest class seen (at least 2).
    /// - Throws: ``NetworkError`` when the lists differ in length, or a class is negative or not
    ///   below `classCount` (naming `labels` or `predicted`, the example and the value).
    public init(predicted: [Int], labels: [Int], classCount: Int? = nil) throws(NetworkError) {
        guard predicted.count == labels.count else {
            throw NetworkError(argument: "predicted", value: "\(predicted.count) predictions", expected: "\(labels.count), one per label")
        }
        let n = classCount ?? Swift.max(2, (predicted.max() ?? 0) + 1, (labels.max() ?? 0) + 1)
        guard n >= 1 else { throw NetworkError(argument: "classCount", value: "\(n)", expected: "1 or more") }
        var counts = Array(repeating: Array(repeating: 0, count: n), count: n)
        for (i, (p, t)) in zip(predicted, labels).enumerated() {
            guard t >= 0 && t < n else { throw NetworkError(argument: "labels", value: "class \(t) at example \(i)", expected: "a class in 0..<\(n)") }
            guard p >= 0 && p < n else { throw NetworkError(argument: "predicted", value: "class \(p) at example \(i)", expected: "a class in 0..<\(n)") }
            counts[t][p] += 1
        }
        self.classCount = n
        self.counts = counts
    }

    /// The number of examples.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
    /// The number of correctly classified examples (the diagonal).
    public var correct: Int { (0..<classCount).reduce(0) { $0 + counts[$1][$1] } }
    /// correct / total.
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    /// Examples of class c predicted as c.
    public func truePositives(of c: Int) -> Int { counts[c][c] }
    /// Examples predicted as c (column sum).
    public func predictedCount(of c: Int) -> Int { counts.reduce(0) { $0 + $1[c] } }
    /// Examples of class c (row sum).
    public func actualCount(of c: Int) -> Int { counts[c].reduce(0, +) }

    /// Precision of class c: TP / (TP + FP) = counts[c][c] / Σ_t counts[t][c].
    public func precision(of c: Int) -> Double { ratio(truePositives(of: c), predictedCount(of: c)) }
    /// Recall of class c: TP / (TP + FN) = counts[c][c] / Σ_p counts[c][p].
    public func recall(of c: Int) -> Double { ratio(truePositives(of: c), actualCount(of: c)) }
    /// F1 of class c: 2PR / (P + R).
    public func f1(of c: Int) -> Double {
        let p = precision(of: c), r = recall(of: c)
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
    /// The unweighted mean of the per-class precisions.
    public var macroPrecision: Double { mean { precision(of: $0) } }
    /// The unweighted mean of the per-class recalls.
    public var macroRecall: Double { mean { recall(of: $0) } }
    /// The unweighted mean of the per-class F1 scores.
    public var macroF1: Double { mean { f1(of: $0) } }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
    private func mean(_ f: (Int) -> Double) -> Double {
        classCount == 0 ? 0 : (0..<classCount).reduce(0) { $0 + f($1) } / Double(classCount)
    }

    /// A text table: rows are true classes, columns predicted classes.
    public var description: String {
        let width = Swift.max(String(counts.joined().max() ?? 0).count, String(classCount - 1).count, 4)
        func pad(_ s: String) -> String { String(repeating: " ", count: Swift.max(0, width - s.count)) + s }
        var lines = ["true\\pred " + (0..<classCount).map { pad(String($0)) }.joined(separator: " ")]
        for t in 0..<classCount {
            lines.append(pad(String(t)) + String(repeating: " ", count: 10 - width) + counts[t].map { pad(String($0)) }.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
