import ArgumentParser
import Backprop

/// `backprop predict`: the class and probability a saved model gives each input.
struct Predict: BudgetedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Classify images or the examples of a data file with a saved model.",
        discussion: """
            Images (.png, .jpg, .jpeg) are converted to the model's channels, resized to its \
            input size (64×64 for the course's cat model) and scaled to [0, 1], as the course's \
            "test with your own image" does. Data files give one prediction per example; a CSV \
            file whose columns are exactly the model's inputs is read without a label column. \
            The model's feature scaling (train --standardize or --min-max) is applied to every input.

            Examples:
              backprop predict --model cat-model.safetensors my_cat.jpg other.png
              backprop predict --model backprop-model.safetensors points.csv --json
              backprop predict --model iris-model.safetensors new-flowers.csv \\
                  --csv predictions.csv
              backprop predict --model iris-model.safetensors field-data.csv \\
                  --skip-bad-rows
              backprop predict --model backprop-model.safetensors spirals --limit 5

            An example with a NaN or infinite feature stops the command (exit status 1) unless \
            --skip-bad-rows leaves it out; the predictions keep each example's index in its file.
            """)

    @OptionGroup(title: "Resources")
    var resources: ResourceArguments
    @Option(help: ArgumentHelp("The model file written by `backprop train --save`.", valueName: "FILE"))
    var model: String
    @Argument(help: ArgumentHelp("Images (.png, .jpg), data files (.h5, .npz, .csv, MNIST idx3-ubyte) or a built-in data set (spirals, flower).", valueName: "INPUT"))
    var inputs: [String]
    @Flag(help: "Print one JSON object per prediction.")
    var json = false
    @Option(parsing: .number, help: "Print at most N predictions per data file (0: all; default: 20).", transform: NumberArgument.whole("--limit"))
    var limit: Int = 20
    @Option(help: ArgumentHelp("Also write every prediction as CSV: input,index,class,class_name,probability and one p_<class> column per class.", valueName: "FILE"))
    var csv: String?
    @Flag(help: "Leave out examples whose features are NaN or infinite (listed in a warning) instead of stopping with exit status 1.")
    var skipBadRows = false
    @Flag(help: "Read the one data INPUT from disk a few blocks at a time, printing and writing predictions as they come (as `train --stream`); a file that does not fit --memory-limit is streamed anyway.")
    var stream = false
    @OptionGroup(title: "CSV data files")
    var csvData: CSVArguments

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one INPUT (an image or a data file)") }
        guard limit >= 0 else {
            throw ParsingProblem.failed(BackpropError(.badInput, "--limit \(limit): expected 0 (all) or a positive count", hint: "for example --limit 50"))
        }
    }

    func run() throws {
        try OutputPaths.check("--csv", csv, example: "predictions.csv")
        let saved = try ModelFileLoader.load(model)
        if stream && inputs.count > 1 {
            throw BackpropError(.usage, "--stream reads one data INPUT; \(inputs.count) were given", hint: "predict each file in its own command")
        }
        if inputs.count == 1, let (data, reason) = try DataFileArguments.streamed(inputs[0], x: nil, y: nil, asked: stream) {
            if skipBadRows {
                throw BackpropError(.usage, "--skip-bad-rows needs the data in memory; \(inputs[0]) is streamed (\(reason))",
                                    hint: "drop --skip-bad-rows, or predict data that fit --memory-limit without --stream")
            }
            return try runStreamed(saved, data: data)
        }
        let (predictions, skipped) = try ModelPrediction.predictions(
            model: saved, inputs: inputs, csv: try csvData.options(), badExamples: skipBadRows ? .skip : .refuse)
        for note in skipped.compactMap(\.note) { Terminal.warning(note) }
        if let csv {
            try ModelPrediction.writeCSV(predictions, model: saved, to: csv)
        }
        defer { if let csv, !json { Terminal.out("Wrote \(predictions.count) prediction\(predictions.count == 1 ? "" : "s") to \(csv)") } }
        if json {
            Terminal.out(predictions.map(\.json).joined(separator: "\n"))
            return
        }
        var lines: [String] = []
        for (index, prediction) in predictions.enumerated() where limit == 0 || index < limit {
            lines.append(Self.line(prediction))
        }
        if limit > 0 && predictions.count > limit { lines.append("… \(predictions.count - limit) more (use --limit 0 or --json for all)") }
        Terminal.out(lines.joined(separator: "\n"))
    }

    /// `points.csv #3: class-1 (probability 0.9731)`, or the outputs of a regression model.
    static func line(_ prediction: ModelPrediction) -> String {
        if let name = prediction.className, let probability = prediction.probability {
            return "\(prediction.input): \(name) (probability \(TrainingProgress.fixed(probability, 4)))"
        }
        return "\(prediction.input): " + prediction.outputs.map { "\($0)" }.joined(separator: ", ")
    }

    /// Predicts a streamed data file: lines printed (the first `--limit`, or every JSON line)
    /// and `--csv` rows written as the predictions come; the CSV file appears whole at the end.
    private func runStreamed(_ saved: SavedModel, data: StreamedDataset) throws {
        let writer: FileWriter?
        do {
            writer = try csv.map { path throws(FormatError) in try FileWriter(path: path) }
            try writer?.append(row: ModelPrediction.csvHeader(model: saved))
        } catch {
            throw BackpropError(error)
        }
        var count = 0
        try ModelPrediction.streamPredictions(model: saved, data: data, input: inputs[0]) { prediction throws(BackpropError) in
            if json { Terminal.out(prediction.json) } else if limit == 0 || count < limit { Terminal.out(Self.line(prediction)) }
            do { try writer?.append(row: prediction.csvRow(model: saved)) } catch { throw BackpropError(error) }
            count += 1
        }
        do { try writer?.commit() } catch { throw BackpropError(error) }
        if !json && limit > 0 && count > limit { Terminal.out("… \(count - limit) more (use --limit 0 or --json for all)") }
        if let csv, !json { Terminal.out("Wrote \(count) prediction\(count == 1 ? "" : "s") to \(csv)") }
    }
}
