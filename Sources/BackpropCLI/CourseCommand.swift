import ArgumentParser
import Backprop
import Foundation

/// `backprop course`: runs the course's two cat / non-cat models exactly as the course does
/// (float64, NumPy's seed 1, full-batch gradient descent) and, with `--check`, compares every
/// printed cost and both accuracies with the published values.
struct Course: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reproduce the course's cat / non-cat runs and compare them with the published numbers.",
        discussion: """
            Trains the two-layer model [12288, 7, 1] and the L-layer model [12288, 20, 7, 5, 1] of \
            "Deep Neural Network - Application" on train_catvnoncat.h5 with the course's settings \
            (float64, seed 1, learning rate 0.0075, 2500 iterations), printing the cost every 100 \
            iterations as the course does, then the train and test accuracies.

            With --check, every printed cost and both accuracies are compared with the published \
            values (two-layer costs to 1e-12 relative; L-layer costs to the 6 printed decimals and \
            1e-9 relative where the full value is published), and the exit status is 1 on any \
            difference. Build in release mode: the runs take minutes.

            Examples:
              swift run -c release backprop course --check
              backprop course --model two-layer --data ~/course-data
            """)

    @Option(help: "Which model to run: two-layer, l-layer or both.")
    var model: String = "both"

    @Option(help: ArgumentHelp(
        "Folder with train_catvnoncat.h5 and test_catvnoncat.h5.",
        discussion: "Default: $BACKPROP_DATA, else ../shared/data.", valueName: "folder"))
    var data: String?

    @Flag(help: "Compare with the published costs and accuracies; exit with status 1 on any difference.")
    var check = false

    func validate() throws {
        guard ["two-layer", "l-layer", "both"].contains(model) else {
            throw ValidationError("unknown --model '\(model)': use two-layer, l-layer or both")
        }
    }

    /// `$BACKPROP_DATA` when set and not empty, else `../shared/data` (the project's layout).
    static var defaultDataFolder: String {
        let value = ProcessInfo.processInfo.environment["BACKPROP_DATA"] ?? ""
        return value.isEmpty ? "../shared/data" : value
    }

    func run() throws {
        let dataset: (train: Dataset<Double>, test: Dataset<Double>)
        do {
            dataset = try Dataset<Double>.catImages(folder: data ?? Self.defaultDataFolder)
        } catch {
            var mapped = BackpropError(error)
            mapped.hint = "pass --data FOLDER or set BACKPROP_DATA to the folder holding train_catvnoncat.h5 and test_catvnoncat.h5"
            throw mapped
        }
        let models = model == "both" ? CourseReference.Model.allCases : [CourseReference.Model(rawValue: model)!]
        var failures = 0
        for which in models {
            failures += try runModel(which, dataset)
        }
        if check {
            if failures > 0 {
                print("check: \(failures) difference(s) from the published values")
                throw ExitCode(1)
            }
            print("check: every published cost and accuracy reproduced")
        }
    }

    /// Trains one model, prints its costs and accuracies, and returns the number of differences
    /// from the published values (0 without --check).
    func runModel(_ which: CourseReference.Model, _ dataset: (train: Dataset<Double>, test: Dataset<Double>)) throws -> Int {
        let name = which == .twoLayer ? "Two-layer" : "L-layer"
        print("\(name) model \(which.layerDims): learning rate 0.0075, 2500 iterations, float64, seed 1")
        let start = Date()
        let report = { (record: CostRecord<Double>) in
            let elapsed = String(format: "%.1f s", Date().timeIntervalSince(start))
            print("Cost after iteration \(record.iteration): \(record.cost)   [\(elapsed)]")
        }
        let options = CourseTrainingOptions()
        let (trainY, testY) = (dataset.train.labels!, dataset.test.labels!)
        let parameters: Parameters<Double>
        let costs: [CostRecord<Double>]
        switch which {
        case .twoLayer:
            (parameters, costs) = try twoLayerModel(
                X: dataset.train.X, Y: trainY, layerDims: (12288, 7, 1), options: options, onCost: report)
        case .lLayer:
            (parameters, costs) = try lLayerModel(
                X: dataset.train.X, Y: trainY, layerDims: which.layerDims, options: options, onCost: report)
        }
        let trainCorrect = correctCount(predict(X: dataset.train.X, parameters: parameters), trainY)
        let testCorrect = correctCount(predict(X: dataset.test.X, parameters: parameters), testY)
        print("Train accuracy: \(Double(trainCorrect) / Double(trainY.columns)) (\(trainCorrect) of \(trainY.columns))")
        print("Test accuracy: \(Double(testCorrect) / Double(testY.columns)) (\(testCorrect) of \(testY.columns))")
        guard check else { return 0 }
        let problems = CourseReference.mismatches(
            model: which, costs: costs.map { ($0.iteration, $0.cost) }, trainCorrect: trainCorrect, testCorrect: testCorrect)
        for problem in problems { print("MISMATCH \(name): \(problem)") }
        if problems.isEmpty { print("\(name): all 25 costs and both accuracies match the published values") }
        print("")
        return problems.count
    }

    func correctCount(_ predictions: Matrix<Double>, _ labels: Matrix<Double>) -> Int {
        zip(predictions.elements, labels.elements).filter { $0 == $1 }.count
    }
}
