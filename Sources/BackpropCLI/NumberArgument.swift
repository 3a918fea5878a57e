import ArgumentParser
import Backprop

extension SingleValueParsingStrategy {
    /// How every option whose value is a number, or may start with one (`--layers`,
    /// `--label-column`, `--memory-limit`), is parsed: the next word is the value even when it
    /// starts with `-`, so `--learning-rate -1` reads -1 and is then refused by the option's
    /// own check (`--learning-rate -1.0: expected a finite number above 0`), never by the parser
    /// as "Missing value for '--learning-rate'" (a usage error).
    static var number: SingleValueParsingStrategy { .unconditional }
}

/// The transforms of the numeric options: text that is not a number of the option's type is
/// refused with a message naming the option and what it takes (bad input, exit 1), such as
/// `--seed -1: expected a whole number from 0 to 4294967295`, instead of the parser's
/// "The value '-1' is invalid for '--seed <seed>'". The option's range (`--iterations 0`) is
/// checked where the value is used. The parser shows no "(default: …)" for an option with a
/// transform, so the help text of one with a default says it.
///
///     @Option(parsing: .number, help: "…", transform: NumberArgument.whole("--iterations"))
///     var iterations: Int?
enum NumberArgument {
    /// A whole number (`Int`): `--iterations 1.5: expected a whole number`.
    static func whole(_ option: String) -> @Sendable (String) throws -> Int {
        { text in try parsed(Int(text), option, text, "a whole number") }
    }

    /// A seed (`UInt32`): `--seed -1: expected a whole number from 0 to 4294967295`.
    static func seed(_ option: String) -> @Sendable (String) throws -> UInt32 {
        { text in try parsed(UInt32(text), option, text, "a whole number from 0 to \(UInt32.max)") }
    }

    /// A number (`Double`; `nan` and `inf` are read, and refused by the option's own check):
    /// `--l2 abc: expected a number`.
    static func real(_ option: String) -> @Sendable (String) throws -> Double {
        { text in try parsed(Double(text), option, text, "a number") }
    }

    /// Block shuffling `B,W` (`--shuffle-blocks 0,3: expected two whole numbers of at least 1, …`).
    static func blockShuffle(_ option: String) -> @Sendable (String) throws -> BlockShuffle {
        { text in try parsed(BlockShuffle(text: text), option, text, "two whole numbers of at least 1, such as 1024,16 (B examples per block, W blocks per window)") }
    }

    /// `value`, or the refusal noted in ``ParsingProblem`` for `BackpropTool.main` to report.
    private static func parsed<T>(_ value: T?, _ option: String, _ text: String, _ expected: String) throws -> T {
        guard let value else {
            throw ParsingProblem.failed(BackpropError(.badInput, "\(option) \(text): expected \(expected)",
                                                      hint: "see `backprop help \(BackpropTool.commandName)`"))
        }
        return value
    }
}
