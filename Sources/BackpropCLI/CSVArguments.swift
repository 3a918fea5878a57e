import ArgumentParser
import Backprop

/// The options that say how a CSV data file is read, shared by `train`, `evaluate`, `predict`,
/// `inspect` and `convert`; parsed into ``CSVOptions`` and passed on unchanged.
struct CSVArguments: ParsableArguments {
    @Option(parsing: .number, help: ArgumentHelp("CSV: the label column, by header name or 0-based index; `last` (default) or `none` (features only, for predict).", valueName: "NAME|INDEX"))
    var labelColumn: String?
    @Option(help: ArgumentHelp("CSV: the field separator, one character (`;`, `|`) or `tab` (default: comma; tab for .tsv).", valueName: "CHAR"))
    var delimiter: String?
    @Option(help: "CSV: whether the first row names the columns (auto: when it has text where the second row has numbers).")
    var header: CSVOptions.Header = .detect

    /// Checks `--delimiter`.
    func validate() throws {
        _ = try delimiterCharacter()
    }

    /// The options as ``CSVOptions``.
    ///
    /// - Throws: ``BackpropError`` `.badInput` naming `--delimiter` for one that is not one
    ///   ASCII character, or `--label-column` for a negative index.
    func options() throws(BackpropError) -> CSVOptions {
        var options = CSVOptions()
        switch labelColumn {
        case nil, "last": options.label = .last
        case "none": options.label = .none
        case let name?:
            if let index = Int(name), index < 0 {
                throw BackpropError(.badInput, "--label-column \(name): expected a column name or a 0-based index (0 or more)",
                                    hint: "use --label-column last for the last column")
            }
            options.label = Int(name).map { .index($0) } ?? .name(name)
        }
        if let character = try delimiterCharacter() { options.delimiter = character }
        options.header = header
        return options
    }

    /// The `--delimiter` character: one ASCII character other than a quote or a line break, or
    /// a name (`tab`, `comma`, `semicolon`, `space`).
    func delimiterCharacter() throws(BackpropError) -> Character? {
        guard let delimiter else { return nil }
        let named: [String: Character] = ["tab": "\t", "\\t": "\t", "\t": "\t", "comma": ",", "semicolon": ";", "space": " "]
        guard let character = named[delimiter] ?? (delimiter.count == 1 ? delimiter.first : nil),
              character.isASCII, character != "\"", !character.isNewline
        else {
            throw ParsingProblem.failed(BackpropError(
                .badInput, "--delimiter \(delimiter): expected one ASCII character other than a quote, or tab",
                hint: "for example --delimiter ';' or --delimiter tab"))
        }
        return character
    }
}

/// The options that say which data a file holds and how to read it, shared by `train`,
/// `evaluate` and `convert`: `--x`/`--y` for files of named arrays, and the CSV options.
struct DataFileArguments: ParsableArguments {
    @OptionGroup(title: "CSV data files")
    var csv: CSVArguments
    @Option(help: ArgumentHelp(
        "HDF5 or .npz: the dataset holding the features.",
        discussion: "Default: the one whose name pairs with a labels dataset (train_set_x with train_set_y).", valueName: "NAME"))
    var x: String?
    @Option(help: ArgumentHelp(
        "HDF5 or .npz: the dataset holding the labels.", discussion: "Default: the partner of the features (train_set_y).", valueName: "NAME"))
    var y: String?

    /// The data `source` names (a built-in data set drawn from `seed`, or a file), read with
    /// these options; see ``Dataset/load(source:x:y:seed:csv:)``.
    func load(_ source: String, seed: UInt32 = 1) throws(BackpropError) -> Dataset<Double> {
        try Dataset<Double>.load(source: source, x: x, y: y, seed: seed, csv: csv.options())
    }

    /// The data `source` names, streamed from disk when `--stream` (`asked`) or when it does not
    /// fit the memory limit (``DataStreaming``), with the reason; nil when it is read whole.
    func streamed(_ source: String, asked: Bool) throws(BackpropError) -> (data: StreamedDataset, reason: String)? {
        try Self.streamed(source, x: x, y: y, asked: asked)
    }

    /// ``streamed(_:asked:)`` with the features' and labels' names given.
    static func streamed(_ source: String, x: String?, y: String?, asked: Bool) throws(BackpropError) -> (data: StreamedDataset, reason: String)? {
        var options = DatasetLoadOptions()
        options.x = x
        options.y = y
        guard let reason = try DataStreaming.reason(for: source, asked: asked, options: options, bytesPerValue: 16) else { return nil }
        do { return (try StreamedDataset.open(path: source, options: options), reason) } catch { throw BackpropError(error) }
    }
}
