import ArgumentParser
import Backprop
import Foundation

/// `--memory-limit`, shared by every command: the ``MemoryBudget`` that every buffer sized from a
/// file's header, a label value or an option is checked against before it is allocated.
struct ResourceArguments: ParsableArguments {
    @Option(parsing: .number, help: ArgumentHelp(
        "The most memory built from the input: 512M, 4G, 25% (of physical memory) or unlimited.",
        discussion: "Default: $BACKPROP_MEMORY_LIMIT, else half the physical memory. A file, label or option that needs more is refused with exit status 1.",
        valueName: "SIZE"))
    var memoryLimit: String?

    /// The budget asked for: `--memory-limit`, else `$BACKPROP_MEMORY_LIMIT`, else the default.
    ///
    /// - Throws: ``BackpropError`` (bad input) naming the option or variable when the text is not a size.
    func budget() throws(BackpropError) -> MemoryBudget {
        if let memoryLimit { return try Self.parse(memoryLimit, name: "--memory-limit") }
        if let variable = ProcessInfo.processInfo.environment["BACKPROP_MEMORY_LIMIT"], !variable.isEmpty {
            return try Self.parse(variable, name: "$BACKPROP_MEMORY_LIMIT")
        }
        return .default
    }

    private static func parse(_ text: String, name: String) throws(BackpropError) -> MemoryBudget {
        guard let budget = MemoryBudget(parsing: text) else {
            throw BackpropError(.badInput, "\(name) \(text): expected a size such as 512M, 4G, 25% or unlimited",
                                hint: "K, M, G and T are powers of 1024; a plain number is bytes")
        }
        return budget
    }
}

/// A command that runs under the ``MemoryBudget`` of its `--memory-limit`.
protocol BudgetedCommand: ParsableCommand {
    /// The command's `--memory-limit` option.
    var resources: ResourceArguments { get }
}
