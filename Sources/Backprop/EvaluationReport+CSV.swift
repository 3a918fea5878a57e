extension EvaluationReport {
    /// The report as a CSV table (`backprop evaluate --csv`), one number per row under the
    /// header `metric,true_class,predicted_class,value`:
    ///
    /// | metric | true_class | predicted_class | value |
    /// |---|---|---|---|
    /// | `examples` | | | m |
    /// | `correct` | | | correctly classified examples (classification only) |
    /// | `accuracy` | | | correct / m (classification only) |
    /// | `cost` | | | the loss on the data |
    /// | `precision` | class name | | TP / (TP + FP) of that class |
    /// | `recall` | class name | | TP / (TP + FN) of that class |
    /// | `count` | class name | class name | examples of the true class predicted as the other (every pair) |
    ///
    /// Class names are the model's (else the data's, else the index). Numbers are written in
    /// their shortest exact decimal form; `pandas.read_csv` reads the table as is.
    public var csvTable: (header: [String], rows: [[String]]) {
        var rows: [[String]] = [["examples", "", "", String(examples)]]
        if let correct { rows.append(["correct", "", "", String(correct)]) }
        if let accuracy { rows.append(["accuracy", "", "", "\(accuracy)"]) }
        rows.append(["cost", "", "", "\(cost)"])
        if let confusion {
            let names = (0..<confusion.classCount).map { $0 < classNames.count ? classNames[$0] : String($0) }
            for c in 0..<confusion.classCount {
                rows.append(["precision", names[c], "", "\(confusion.precision(of: c))"])
                rows.append(["recall", names[c], "", "\(confusion.recall(of: c))"])
            }
            for (t, counts) in confusion.counts.enumerated() {
                for (p, count) in counts.enumerated() { rows.append(["count", names[t], names[p], String(count)]) }
            }
        }
        return (["metric", "true_class", "predicted_class", "value"], rows)
    }

    /// Writes ``csvTable`` to `path`.
    ///
    /// - Throws: ``BackpropError`` (`.badInput` for a missing folder, `.io` when the file
    ///   cannot be written).
    public func writeCSV(to path: String) throws(BackpropError) {
        let table = csvTable
        do { try CSVFile.write(header: table.header, rows: table.rows, to: path) } catch { throw BackpropError(error) }
    }
}
