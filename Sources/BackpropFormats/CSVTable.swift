/// How ``CSVFile`` reads a file: delimiter, header, label column and category mappings.
///
/// The command line's CSV options map one to one onto these properties:
///
/// | `backprop` option | `CSVOptions` |
/// |---|---|
/// | `--label-column NAME` | `label = .name("NAME")` |
/// | `--label-column 3` (0-based) | `label = .index(3)` |
/// | `--label-column last` (the default) | `label = .last` (the default) |
/// | `--label-column none` | `label = .none` |
/// | `--header auto` (the default) | `header = .detect` (the default) |
/// | `--header present`, `--header absent` | `header = .present`, `.absent` |
/// | `--delimiter ';'`, `--delimiter tab` | `delimiter = ";"`, `"\t"` |
///
/// ```swift
/// var options = CSVOptions()
/// options.label = .name("species")       // --label-column species
/// options.header = .detect               // --header auto
/// ```
public struct CSVOptions: Sendable, Equatable {
    /// Whether the first row names the columns.
    public enum Header: Sendable, Equatable {
        /// Guess: the first row is a header when it has text where the second row has a number
        /// (the command line's `--header auto`).
        case detect
        /// The first row is a header.
        case present
        /// Every row is data; columns are named "column 1", "column 2", ...
        case absent
    }

    /// Which column holds the label (the class, or the target value).
    public enum LabelColumn: Sendable, Equatable {
        /// The column with this header name.
        case name(String)
        /// The column at this 0-based index.
        case index(Int)
        /// The last column (the default).
        case last
        /// No label column: every column is a feature.
        case none
    }

    /// The field separator, one ASCII character (`,` by default; `;` and tab are common).
    public var delimiter: Character = ","
    /// Whether the first row is a header.
    public var header: Header = .detect
    /// The label column (the command line's `--label-column`).
    public var label: LabelColumn = .last
    /// For non-numeric feature columns, by header name: the number each text value stands for,
    /// e.g. `["color": ["red": 0, "green": 1]]`. Unlisted text in a feature column is an error.
    public var categories: [String: [String: Int]] = [:]

    /// The defaults: comma, detected header, label in the last column, no categories.
    public init() {}
}

/// A CSV file read as numbers: features one row per example, and the label column as text.
public struct CSVTable: Sendable, Equatable {
    /// The feature columns' names (the header, or "column 1", ...), n of them.
    public var featureNames: [String]
    /// The label column's name, nil when there is none.
    public var labelName: String?
    /// The features, row-major (m, n): `features[i * n + j]` is feature j of example i.
    public var features: [Double]
    /// The label column's text, one per example; nil without a label column.
    public var labels: [String]?
    /// The 1-based line on which each example starts, for error messages.
    public var lines: [Int]

    /// The number of examples m.
    public var exampleCount: Int { lines.count }
}
