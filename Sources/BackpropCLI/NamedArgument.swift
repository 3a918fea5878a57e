import ArgumentParser
import Backprop

/// A value the command line gives by name (`--loss mean-squared-error`, `--dtype float64`):
/// `ExpressibleByArgument` and `CaseIterable`, so the parser lists the names in help and
/// refuses any other.
///
/// A refused name is bad input (exit 1, as the README's table says of an unknown name), not a
/// usage error: the refusal is noted in ``ParsingProblem`` for `BackpropTool.main` to classify.
public protocol NamedArgument: ExpressibleByArgument, CaseIterable {
    /// The name the command line uses for this value.
    var argumentName: String { get }
    /// The value `name` stands for (aliases included), or nil.
    static func value(named name: String) -> Self?
}

extension NamedArgument {
    public init?(argument: String) {
        guard let value = Self.parsed(argument) else { return nil }
        self = value
    }

    public static var allValueStrings: [String] { allCases.map(\.argumentName) }

    public var defaultValueDescription: String { argumentName }

    public static func value(named name: String) -> Self? { allCases.first { $0.argumentName == name } }

    /// The value `argument` names; a refusal is noted in ``ParsingProblem``.
    static func parsed(_ argument: String) -> Self? {
        guard let value = value(named: argument) else {
            ParsingProblem.refused(argument)
            return nil
        }
        return value
    }
}

/// The same for string-backed enums, whose `RawRepresentable` defaults would otherwise compete.
extension NamedArgument where Self: RawRepresentable, RawValue == String {
    public init?(argument: String) {
        guard let value = Self.parsed(argument) else { return nil }
        self = value
    }
    public static var allValueStrings: [String] { allCases.map(\.argumentName) }
    public var defaultValueDescription: String { argumentName }
}

/// What the argument parser's own errors cannot carry: that it refused a value (bad input,
/// not a malformed command line), or the ``BackpropError`` a `validate()` threw, with its
/// category and hint. The parser parses on one thread, once per process.
enum ParsingProblem {
    /// The last text a ``NamedArgument`` refused; nil when none was refused.
    nonisolated(unsafe) private(set) static var refusedName: String?
    /// The error a `validate()` threw through ``failed(_:)``.
    nonisolated(unsafe) private(set) static var error: BackpropError?

    static func refused(_ text: String) { refusedName = text }

    /// Notes `error` and returns it, for `validate()` to throw: `throw ParsingProblem.failed(…)`.
    static func failed(_ error: BackpropError) -> BackpropError {
        self.error = error
        return error
    }
}

extension Loss: ExpressibleByArgument, CaseIterable, NamedArgument {
    public static var allCases: [Loss] { [.binaryCrossEntropy, .categoricalCrossEntropy, .meanSquaredError] }
    public var argumentName: String { name }
    public static func value(named name: String) -> Loss? { Loss(name: name) }
}

extension Activation: ExpressibleByArgument, CaseIterable, NamedArgument {
    public static var allCases: [Activation] {
        [.sigmoid, .relu, .tanh, .leakyRelu(slope: defaultLeakySlope), .softmax, .identity]
    }
    public var argumentName: String { name }
    public static func value(named name: String) -> Activation? { Activation(name: name) }
}

extension Optimizer: ExpressibleByArgument, CaseIterable, NamedArgument {
    public static var allCases: [Optimizer] { [.gradientDescent, .momentum(), .rmsProp(), .adam()] }
    public var argumentName: String { name }
    public static func value(named name: String) -> Optimizer? { Optimizer(name: name) }
}

extension Initializer: ExpressibleByArgument, NamedArgument {
    public var argumentName: String { name }
    public static func value(named name: String) -> Initializer? { Initializer(name: name) }
}

extension TrainingConfiguration.Precision: ExpressibleByArgument, NamedArgument {
    public var argumentName: String { rawValue }
}

extension CSVOptions.Header: ExpressibleByArgument, CaseIterable, NamedArgument {
    public static var allCases: [CSVOptions.Header] { [.present, .absent, .detect] }
    public var argumentName: String {
        switch self {
        case .present: "present"
        case .absent: "absent"
        case .detect: "auto"
        }
    }
}

/// `--first-layer`: a ``BackpropNN/FirstLayerStrategy``, or `auto` to let training choose.
enum FirstLayerChoice: String, CaseIterable, ExpressibleByArgument, NamedArgument {
    case auto, plain, fused, gram

    var argumentName: String { rawValue }

    /// The strategy asked for; nil for `auto`.
    var strategy: FirstLayerStrategy? { FirstLayerStrategy(rawValue: rawValue) }
}
