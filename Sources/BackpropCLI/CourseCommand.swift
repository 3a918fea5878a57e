import ArgumentParser
import Backprop
import Foundation

/// `backprop course`: runs the course's two cat / non-cat models exactly as the course does
/// (float64, NumPy's seed 1, full-batch gradient descent) and, with `--check`, compares every
/// printed cost and both accuracies with the published values.
struct Course: BudgetedCommand {
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

    /// The `--model` values.
    enum Models: String, CaseIterable, ExpressibleByArgument, NamedArgument {
        case twoLayer = "two-layer"
        case lLayer = "l-layer"
        case both

        public var argumentName: String { rawValue }

        /// The models to run, in order.
        var models: [CourseReference.Model] {
            switch self {
            case .twoLayer: [.twoLayer]
            case .lLayer: [.lLayer]
            case .both: CourseReference.Model.allCases
            }
        }
    }

    @OptionGroup(title: "Resources")
    var resources: ResourceArguments
    @Option(help: "Which model to run.")
    var model: Models = .both

    @Option(help: ArgumentHelp(
        "Folder with train_catvnoncat.h5 and test_catvnoncat.h5.",
        discussion: "Default: $BACKPROP_DATA, else ../shared/data.", valueName: "folder"))
    var data: String?

    @Flag(help: "Compare with the published costs and accuracies; exit with status 1 on any difference.")
    var check = false

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
        var failures = 0
        for which in model.models {
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

    /// Trains one model (``CourseReference/run(_:cats:onCost:)``), prints its costs and
    /// accuracies, and returns the number of differences from the published values (0 without
    /// --check).
    func runModel(_ which: CourseReference.Model, _ cats: (train: Dataset<Double>, test: Dataset<Double>)) throws -> Int {
        let name = which == .twoLayer ? "Two-layer" : "L-layer"
        print("\(name) model \(which.layerDims): learning rate 0.0075, 2500 iterations, float64, seed 1")
        let start = Date()
        let run = try CourseReference.run(which, cats: cats) { record in
            let elapsed = String(format: "%.1f s", Date().timeIntervalSince(start))
            print("Cost after iteration \(record.iteration): \(record.cost)   [\(elapsed)]")
        }
        for (label, counts) in [("Train", run.trainCorrect), ("Test", run.testCorrect)] {
            print("\(label) accuracy: \(Double(counts.correct) / Double(counts.total)) (\(counts.correct) of \(counts.total))")
        }
        guard check else { return 0 }
        let problems = run.mismatches(which)
        for problem in problems { print("MISMATCH \(name): \(problem)") }
        if problems.isEmpty { print("\(name): all 25 costs and both accuracies match the published values") }
        print("")
        return problems.count
    }
}
