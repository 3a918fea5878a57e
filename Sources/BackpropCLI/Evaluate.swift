import ArgumentParser
import Backprop

/// `backprop evaluate`: accuracy, cost and confusion matrix of a saved model on labelled data.
struct Evaluate: BudgetedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure a saved model on labelled data: accuracy, cost, confusion matrix.",
        discussion: """
            Examples:
              backprop evaluate --model backprop-model.safetensors --data spirals
              backprop evaluate --model cat-model.safetensors \\
                  --data ../shared/data/test_catvnoncat.h5 --json
              backprop evaluate --model cat-model.safetensors \\
                  --data ../shared/data/test_catvnoncat.h5 --mislabeled wrong.png
              backprop evaluate --model backprop-model.safetensors --data spirals \\
                  --boundary boundary.png
              backprop evaluate --model iris-model.safetensors --data iris-test.csv \\
                  --label-column species --csv metrics.csv
            """)

    @OptionGroup(title: "Resources")
    var resources: ResourceArguments
    @Option(help: ArgumentHelp("The model file written by `backprop train --save`.", valueName: "FILE"))
    var model: String
    @Option(help: ArgumentHelp("Labelled data: a file (.h5, .npz, .csv, …) or a built-in data set.", valueName: "FILE|NAME"))
    var data: String
    @Option(parsing: .number, help: "Seed of a built-in data set (default: 2, the points `backprop train` holds out at its default seed 1).", transform: NumberArgument.seed("--seed"))
    var seed: UInt32 = 2
    @OptionGroup(title: "Data files")
    var dataFile: DataFileArguments
    @Flag(help: "Print one JSON object instead of text.")
    var json = false
    @Flag(help: "Leave out examples whose features are NaN or infinite (listed in a warning) instead of stopping with exit status 1.")
    var skipBadRows = false
    @Flag(help: "Read the data from disk a few blocks at a time (as `train --stream`); a file that does not fit --memory-limit is streamed anyway.")
    var stream = false
    @Option(help: ArgumentHelp("Also draw the decision boundary (2-feature models), .svg or .png.", valueName: "FILE"))
    var boundary: String?
    @Option(help: ArgumentHelp("Also draw the misclassified images (image models; the course's mislabelled images), .svg or .png.", valueName: "FILE"))
    var mislabeled: String?
    @OptionGroup
    var plotSize: PlotSizeArguments
    @Option(help: ArgumentHelp("Also write the metrics as CSV: metric,true_class,predicted_class,value rows (accuracy, cost, per-class precision and recall, confusion counts).", valueName: "FILE"))
    var csv: String?

    func run() throws {
        try OutputPaths.check("--csv", csv, example: "metrics.csv")
        try OutputPaths.check("--boundary", boundary, extensions: ["svg", "png"], example: "boundary.svg")
        try OutputPaths.check("--mislabeled", mislabeled, extensions: ["svg", "png"], example: "mislabeled.png")
        let saved = try ModelFileLoader.load(model)
        if let (streamed, reason) = try dataFile.streamed(data, asked: stream) {
            try checkStreamable(reason)
            let report = try EvaluationReport(model: saved, streamed: streamed)
            try finish(report, notes: [], streamed: reason)
            return
        }
        let labelled = try dataFile.load(data, seed: seed)
        let report = try EvaluationReport(model: saved, data: labelled, badExamples: skipBadRows ? .skip : .refuse)
        if let note = report.skipped.note { Terminal.warning(note) }
        var notes: [String] = []
        if let csv {
            try report.writeCSV(to: csv)
            if !json { notes.append("Wrote the metrics to \(csv)") }  // --json output stays one JSON object
        }
        if let boundary {
            try ModelPlots.decisionBoundary(model: saved, data: labelled, title: "Decision boundary, \(labelled.source)",
                                           size: try plotSize.size(), to: boundary)
            notes.append("Wrote the decision boundary to \(boundary)")
        }
        if let mislabeled {
            let wrong = try ModelPlots.mislabeled(model: saved, data: labelled, size: try plotSize.size(), to: mislabeled)
            notes.append(wrong == 0 ? "No misclassified examples: \(mislabeled) not written" : "Wrote \(min(wrong, 20)) of \(wrong) misclassified images to \(mislabeled)")
        }
        try finish(report, notes: notes, streamed: nil)
    }

    /// Refuses what needs the data in memory (usage, exit 2) when they are streamed for `reason`.
    private func checkStreamable(_ reason: String) throws(BackpropError) {
        let inMemory = [("--boundary", boundary != nil), ("--mislabeled", mislabeled != nil), ("--skip-bad-rows", skipBadRows)]
        if let option = inMemory.first(where: \.1)?.0 {
            throw BackpropError(.usage, "\(option) needs the data in memory; \(data) is streamed (\(reason))",
                                hint: "drop \(option), or evaluate data that fit --memory-limit without --stream")
        }
    }

    /// Writes `--csv` and prints the report (text or JSON), then `notes`.
    private func finish(_ report: EvaluationReport, notes: [String], streamed reason: String?) throws {
        var notes = notes
        if let csv, reason != nil {
            try report.writeCSV(to: csv)
            if !json { notes.append("Wrote the metrics to \(csv)") }
        }
        defer { if !notes.isEmpty { Terminal.out(notes.joined(separator: "\n")) } }
        if json {
            Terminal.out(report.json)
            return
        }
        var lines = ["Data: \(report.source), \(report.examples) examples" + (reason.map { ", streamed from disk (\($0))" } ?? "")]
        if let accuracy = report.accuracy {
            lines.append("Accuracy: \(accuracy) (\(report.correct ?? 0) of \(report.examples))")
        }
        lines.append("Cost: \(report.cost)")
        if let confusion = report.confusion {
            lines.append("Confusion matrix (rows: true class, columns: predicted):")
            let names = (0..<confusion.classCount).map { $0 < report.classNames.count ? report.classNames[$0] : String($0) }
            let width = max(6, (names.map(\.count).max() ?? 0) + 1, String(confusion.counts.flatMap { $0 }.max() ?? 0).count + 1)
            func pad(_ s: String) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
            lines.append(pad("") + " " + names.map(pad).joined(separator: " "))
            for (row, counts) in confusion.counts.enumerated() {
                lines.append(pad(names[row]) + " " + counts.map { pad(String($0)) }.joined(separator: " "))
            }
            if confusion.classCount > 1 {
                for c in 0..<confusion.classCount {
                    lines.append("  \(names[c]): precision \(TrainingProgress.fixed(confusion.precision(of: c), 4)), recall \(TrainingProgress.fixed(confusion.recall(of: c), 4))")
                }
            }
        }
        Terminal.out(lines.joined(separator: "\n"))
    }
}

/// Loading a model for the commands, with the taxonomy's errors.
enum ModelFileLoader {
    static func load(_ path: String) throws(BackpropError) -> SavedModel {
        do { return try ModelFile.read(path) } catch { throw BackpropError(error) }
    }
}
