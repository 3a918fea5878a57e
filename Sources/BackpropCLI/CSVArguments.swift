import ArgumentParser
import Backprop

/// The options that say how a CSV data file is read, shared by `train`, `evaluate`, `predict`
/// and `convert`; parsed into ``CSVOptions`` and passed on unchanged.
struct CSVArguments: ParsableArguments {
    @Option(help: ArgumentHelp("CSV: the label column, by header name or 0-based index; `last` (default) or `none` (features only, for predict).", valueName: "NAME|INDEX"))
    var labelColumn: String?
    @Option(help: ArgumentHelp("CSV: the field separator, one character (`;`, `|`) or `tab` (default: comma; tab for .tsv).", valueName: "CHAR"))
    var delimiter: String?
    @Option(help: ArgumentHelp("CSV: whether the first row names the columns: present, absent or auto (default: auto).", valueName: "present|absent|auto"))
    var header: String = "auto"

    /// The options as ``CSVOptions``.
    ///
    /// - Throws: ``BackpropError`` `.badInput` naming the option for a delimiter that is not
    ///   one ASCII character or an unknown `--header` value.
    func options() throws(BackpropError) -> CSVOptions {
        var options = CSVOptions()
        switch labelColumn {
        case nil, "last": options.label = .last
        case "none": options.label = .none
        case let name?: options.label = Int(name).map { .index($0) } ?? .name(name)
        }
        if let delimiter {
            let named: [String: Character] = ["tab": "\t", "\\t": "\t", "\t": "\t", "comma": ",", "semicolon": ";", "space": " "]
            guard let character = named[delimiter] ?? (delimiter.count == 1 ? delimiter.first : nil),
                  character.isASCII, character != "\"", !character.isNewline
            else {
                throw BackpropError(.badInput, "--delimiter \(delimiter): expected one ASCII character other than a quote, or tab",
                                    hint: "for example --delimiter ';' or --delimiter tab")
            }
            options.delimiter = character
        }
        switch header {
        case "present": options.header = .present
        case "absent": options.header = .absent
        case "auto": options.header = .detect
        default: throw Names.unknown(header, option: "--header", known: ["present", "absent", "auto"])
        }
        return options
    }
}
