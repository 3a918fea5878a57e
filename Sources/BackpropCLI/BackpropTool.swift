import ArgumentParser
import Foundation
import Backprop
import BackpropIO

/// The `backprop` command: parses the command line, runs a subcommand, and turns every error
/// into one line on standard error and the exit status of its category.
@main
struct BackpropTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backprop",
        abstract: "Train, evaluate and run fully connected neural networks written from scratch.",
        discussion: """
            Start with `backprop train`: with no arguments it trains a small network on a built-in \
            data set (3-arm spirals) in seconds and writes three files in the current folder: \
            the model (backprop-model.safetensors), its cost plot (backprop-cost.svg) and its \
            decision boundary (backprop-boundary.svg). Then `backprop predict --model \
            backprop-model.safetensors DATA` uses it.

            Examples:
              backprop train
              backprop train --data flower --layers 2,8,1 --hidden-activation tanh \\
                  --iterations 2000
              backprop train --data ../shared/data/train_catvnoncat.h5 \\
                  --test ../shared/data/test_catvnoncat.h5 --layers 12288,20,7,5,1 --course
              backprop evaluate --model backprop-model.safetensors --data spirals
              backprop predict --model cat-model.safetensors my_cat.jpg
              backprop inspect backprop-model.safetensors
              backprop export ../shared/data/train_catvnoncat.h5 train_set_x \\
                  --to train_x.npy
              backprop course --check    (the course's two cat models, checked)

            Exit status: 0 success; 1 bad input (a missing file, wrong content, an unknown name, \
            sizes that do not fit); 2 usage (unknown option, missing argument, conflicting \
            options); 3 unsupported feature; 4 I/O error (cannot read or write); 5 training \
            diverged (NaN or infinity, or a cost over 1000 times the first for 10 steps); 130 interrupted \
            (SIGINT or SIGTERM; training writes a checkpoint first when --checkpoint-every is given).
            """,
        version: "backprop \(BackpropVersion.current)",
        subcommands: [Train.self, Evaluate.self, Predict.self, Inspect.self, Export.self, Plot.self, Convert.self, Course.self])

    /// Runs the tool: every error ends here, as `error: …` plus a `hint: …` line.
    static func main() {
        Interruption.install()
        let command: ParsableCommand
        do {
            try ArgumentChecks.checkEncoding()
            command = try parseAsRoot()
        } catch let error as BackpropError {
            Terminal.error(error)
            Foundation.exit(error.exitCode)
        } catch {
            Foundation.exit(reportParsingFailure(error))
        }
        var code: Int32 = 0
        do {
            try ArgumentChecks.checkFileKinds(Array(CommandLine.arguments.dropFirst()))
            var running = command
            let budget = try (command as? any BudgetedCommand)?.resources.budget() ?? .default
            try MemoryBudget.$current.withValue(budget) { try running.run() }
        } catch let exit as ExitCode {
            code = exit.rawValue  // a command that already printed its own message
        } catch where exitCode(for: error) == .success {
            Terminal.out(fullMessage(for: error))  // `backprop help COMMAND` runs as a command
        } catch {
            let mapped = BackpropError(error)
            Terminal.error(mapped)
            code = mapped.exitCode
        }
        Terminal.flush()
        DataParallel.end(status: code)
        Foundation.exit(code)
    }

    /// Reports what `parseAsRoot()` threw, classified by the parser's own ``exitCode(for:)``:
    /// help and version requests are printed (exit 0); a malformed command line is a usage
    /// error (exit 2), except a value the parser refused, which is bad input (exit 1); a
    /// `validate()` that failed through ``ParsingProblem/failed(_:)`` reports its own error.
    ///
    /// - Returns: the exit status.
    static func reportParsingFailure(_ error: any Error) -> Int32 {
        let status = exitCode(for: error)
        if status == .success {
            Terminal.out(fullMessage(for: error))
            return 0
        }
        if let problem = ParsingProblem.error {
            Terminal.error(problem)
            return problem.category.exitCode
        }
        // The parser's message without its usage text, on one line (a list of values as "a, b, c").
        let lines = message(for: error).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = lines.dropFirst().map { $0.hasPrefix("- ") ? String($0.dropFirst(2)) : $0 }
        let message = ([lines.first ?? "\(error)"] + (values.isEmpty ? [] : [values.joined(separator: ", ")])).joined(separator: " ")
        // A value the parser could not read (`--seed -1`, `--iterations abc`) is bad input, like a refused name.
        let refusedValue = ParsingProblem.refusedName != nil || lines.first?.hasPrefix("The value '") == true
        let category: BackpropError.Category = status == .validationFailure && !refusedValue ? .usage : .badInput
        Terminal.error(BackpropError(category, message, hint: "see `backprop help \(commandName)`"))
        return category.exitCode
    }

    /// The subcommand being run, or `<command>` when none is recognisable.
    static var commandName: String {
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "\($0)".lowercased() }
        return CommandLine.arguments.dropFirst().first { names.contains($0) } ?? "<command>"
    }
}
