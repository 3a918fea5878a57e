import BackpropIO
import BackpropMatrix

/// How label values become classes: the one rule every reader (HDF5, `.npz`, CSV, MNIST)
/// applies, so that a label of 2^31 or 1 000 000 can never become a class count.
///
/// Class labels are the whole numbers 0, 1, …, k−1 with k ≤ ``maximumClassCount`` (or text,
/// read as class names, at most ``maximumClassCount`` distinct ones). Integer labels outside
/// that range are an error naming the value and the example; float labels outside it are
/// targets (regression), not classes.
extension Dataset {
    /// The most classes a data set may have (65 536): a label value of k or more is refused
    /// rather than read as a softmax over k + 1 outputs.
    public static var maximumClassCount: Int { 65_536 }

    /// Whether `value` can be a class index: a whole number in `0..<maximumClassCount`.
    static func isClassIndex(_ value: Double) -> Bool {
        value >= 0 && value < Double(maximumClassCount) && value == value.rounded()
    }

    /// Throws unless every value is a class index (``isClassIndex(_:)``).
    ///
    /// - Parameters:
    ///   - values: the labels, example 0 first.
    ///   - file: the file, for the error.
    ///   - name: the labels' name in the file (`"train_set_y"`, `"the label column"`).
    /// - Throws: ``FormatError`` (`.mismatch`) naming the first bad value and its example index.
    static func checkClassLabels<C: Collection>(_ values: C, file: String, name: String) throws(FormatError) where C.Element == Double {
        guard let bad = values.firstIndex(where: { !isClassIndex($0) }) else { return }
        let example = values.distance(from: values.startIndex, to: bad)
        throw FormatError(.mismatch, file: file, expected: "class labels 0…\(maximumClassCount - 1) in \(name) (at most \(maximumClassCount) classes)",
                          found: "label \(describeLabel(values[bad])) at example \(example)")
    }

    /// A label value as people write it: `2147483648`, `-1`, `0.5`.
    static func describeLabel(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 0x1p63 ? String(Int64(value)) : "\(value)"
    }

    /// Class indices from label text (CSV label columns): when every label is an integer it must
    /// be a class index (class names "0" … "max"); otherwise the classes are the distinct texts in
    /// sorted order (as `np.unique`), at most ``maximumClassCount`` of them.
    ///
    /// - Throws: ``FormatError`` (`.mismatch`) for an integer label outside
    ///   0..<``maximumClassCount`` (naming it and its example) or too many distinct texts.
    static func classes(fromText texts: [String], file: String) throws(FormatError) -> (labels: [Int], classNames: [String]) {
        let integers = texts.map { Int64($0.trimmingSpaces) }
        if !texts.isEmpty, integers.allSatisfy({ $0 != nil }) {
            try checkClassLabels(integers.map { Double($0!) }, file: file, name: "the label column")
            let labels = integers.map { Int($0!) }
            return (labels, (0...(labels.max() ?? 0)).map(String.init))
        }
        let names = Array(Set(texts)).sorted()
        guard names.count <= maximumClassCount else {
            throw FormatError(.mismatch, file: file, expected: "at most \(maximumClassCount) distinct labels (class names) in the label column",
                              found: "\(names.count) distinct labels")
        }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        return (texts.map { index[$0]! }, names)
    }

    /// Checks labels meant for training: every class 0…k−1 below the largest label has at least
    /// one example (a gap means the labels are not class indices, or the data are cut wrongly),
    /// and the one-hot labels (k, m) fit the `MemoryBudget`. Data without class labels pass.
    /// A held-out set may miss a class; this check is for training data only.
    ///
    /// - Throws: ``FormatError`` (`.mismatch`) naming the first missing class, or `.tooLarge`.
    public func checkTrainingLabels() throws(FormatError) {
        guard hasClassLabels else { return }
        let k = classCount
        var seen = [Bool](repeating: false, count: k)
        for index in classIndices where index >= 0 && index < k { seen[index] = true }
        let largest = seen.lastIndex(of: true) ?? 0
        if let missing = seen[..<largest].firstIndex(of: false) {
            let name = missing < classNames.count && classNames[missing] != String(missing) ? " (\(classNames[missing]))" : ""
            throw FormatError(.mismatch, file: source, expected: "an example of every class 0…\(largest) in the training labels",
                              found: "no example of class \(missing)\(name)")
        }
        do {
            try MemoryBudget.current.check(shape: [k, count], elementSize: MemoryLayout<Scalar>.stride,
                                           for: "one-hot labels (\(k) classes × \(count) examples)")
        } catch {
            throw FormatError(error, file: source)
        }
    }
}
