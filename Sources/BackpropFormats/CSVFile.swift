import BackpropIO
import BackpropMatrix

/// Reads and writes comma-separated values (RFC 4180).
///
/// Reading gives a ``CSVTable`` of numeric features, one row per example, plus the label
/// column's raw text; ``Dataset`` turns that into X (features, m) and Y. Writing quotes fields
/// that hold the delimiter, a quote or a line break, and ends lines with `\n`.
///
///     var options = CSVOptions()
///     options.label = .name("species")
///     let table = try CSVFile.read(path: "iris.csv", options: options)
public enum CSVFile {
    /// Reads the CSV file at `path` as numeric features and a label column.
    ///
    /// Every column except the label column must hold numbers (surrounding spaces allowed), or
    /// be listed in `options.categories`, which maps its text to numbers.
    ///
    /// - Throws: ``FormatError`` naming the line and column (the 1-based field number): an
    ///   unclosed quote, a row with the wrong number of fields (`.mismatch`), a field that is
    ///   not a number (`.invalid`), an unknown label column or category value; `.tooLarge` when
    ///   the values do not fit the `MemoryBudget`.
    public static func read(path: String, options: CSVOptions = CSVOptions()) throws(FormatError) -> CSVTable {
        try read(bytes: FileAccess.read(path, expecting: "a CSV file", accepting: []), options: options, file: path)
    }

    /// Reads CSV text held in memory; `file` names it in errors. See ``read(path:options:)``.
    public static func read(bytes: [UInt8], options: CSVOptions = CSVOptions(), file: String = "<bytes>") throws(FormatError) -> CSVTable {
        guard let delimiter = options.delimiter.asciiValue, options.delimiter != "\"", options.delimiter != "\n" else {
            throw FormatError(.invalid, file: file, expected: "a one-byte ASCII delimiter other than a quote or line break",
                              found: quoted(String(options.delimiter)))
        }
        var records = try CSVParser.records(bytes, delimiter: delimiter, file: file)
        guard let first = records.first else {
            throw FormatError(.truncated, file: file, expected: "at least one row", found: "an empty file")
        }
        let width = first.fields.count
        for record in records where record.fields.count != width {
            throw FormatError(
                .mismatch, file: file, at: .line(record.line, column: nil),
                expected: "\(width) fields, as on line \(first.line)", found: "\(record.fields.count) fields")
        }
        let hasHeader: Bool
        switch options.header {
        case .present: hasHeader = true
        case .absent: hasHeader = false
        case .detect: hasHeader = detectHeader(records, categories: options.categories)
        }
        let names = hasHeader ? records.removeFirst().fields : (0..<width).map { "column \($0 + 1)" }

        let labelIndex = try labelColumn(options.label, names: names, hasHeader: hasHeader, width: width, firstLine: first.line, file: file)
        for column in options.categories.keys where names.firstIndex(of: column) == nil {
            throw FormatError(.mismatch, file: file, expected: "a column named \(quoted(column)) (from the categories)",
                              found: names.map { quoted($0) }.joined(separator: ", "))
        }

        let featureColumns = (0..<width).filter { $0 != labelIndex }
        do {
            try MemoryBudget.current.check(shape: [records.count, featureColumns.count], elementSize: 8,
                                           for: "\(featureColumns.count) features × \(records.count) rows as 64-bit floats")
        } catch {
            throw FormatError(error, file: file)
        }
        var features: [Double] = []
        features.reserveCapacity(records.count * featureColumns.count)
        var labels: [String] = []
        for record in records {
            for column in featureColumns {
                features.append(try value(record.fields[column], line: record.line, column: column, categories: options.categories[names[column]], file: file))
            }
            if let labelIndex { labels.append(record.fields[labelIndex]) }
        }
        return CSVTable(
            featureNames: featureColumns.map { names[$0] },
            labelName: labelIndex.map { names[$0] },
            features: features, labels: labelIndex == nil ? nil : labels,
            lines: records.map(\.line))
    }

    /// The label column's index (nil: none) for `choice`, given the header `names`.
    ///
    /// - Throws: ``FormatError`` `.mismatch` for an index outside the row or a name not in the header.
    private static func labelColumn(_ choice: CSVOptions.LabelColumn, names: [String], hasHeader: Bool, width: Int,
                                    firstLine: Int, file: String) throws(FormatError) -> Int? {
        switch choice {
        case .none: return nil
        case .last: return width - 1
        case .index(let index):
            guard index >= 0 && index < width else {
                throw FormatError(.mismatch, file: file, expected: "a label column index in 0..<\(width)", found: "\(index)")
            }
            return index
        case .name(let name):
            guard hasHeader, let index = names.firstIndex(of: name) else {
                throw FormatError(
                    .mismatch, file: file, at: .line(firstLine, column: nil),
                    expected: "a header column named \(quoted(name))",
                    found: hasHeader ? names.map { quoted($0) }.joined(separator: ", ") : "no header row")
            }
            return index
        }
    }

    /// One feature field as a number: its category's value when the column has categories,
    /// else the number it spells.
    ///
    /// - Throws: ``FormatError`` `.invalid` naming the line and column.
    private static func value(_ text: String, line: Int, column: Int, categories: [String: Int]?, file: String) throws(FormatError) -> Double {
        if let categories {
            guard let value = categories[text] else {
                throw FormatError(
                    .invalid, file: file, at: .line(line, column: column + 1),
                    expected: "one of the categories " + categories.keys.sorted().map { quoted($0) }.joined(separator: ", "),
                    found: quoted(text))
            }
            return Double(value)
        }
        guard let value = number(text) else {
            throw FormatError(.invalid, file: file, at: .line(line, column: column + 1),
                              expected: "a number", found: text.isEmpty ? "an empty field" : quoted(text))
        }
        return value
    }

    /// The text as a number, after trimming spaces and tabs; nil when it is not one.
    static func number(_ text: String) -> Double? {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
        return Double(String(trimmed))
    }

    /// A first row is a header when some column holds text there and a number (or a known
    /// category) in the second row, or, for a one-row file, when any field is not a number.
    static func detectHeader(_ records: [CSVParser.Record], categories: [String: [String: Int]]) -> Bool {
        guard let first = records.first else { return false }
        if categories.keys.contains(where: first.fields.contains) { return true }
        guard records.count > 1 else { return first.fields.contains { number($0) == nil } }
        let second = records[1].fields
        return zip(first.fields, second).contains { number($0) == nil && number($1) != nil }
    }

    /// CSV text for `rows` under an optional `header`, quoting fields as RFC 4180 requires and
    /// ending every line with `\n`.
    public static func encode(header: [String]? = nil, rows: [[String]], delimiter: Character = ",") -> String {
        var text = ""
        func line(_ fields: [String]) {
            text += fields.map { field in
                let needsQuotes = field.contains(delimiter) || field.contains("\"") || field.contains("\n") || field.contains("\r")
                    || field.hasPrefix(" ") || field.hasSuffix(" ")
                return needsQuotes ? "\"" + field.replacingAll("\"", with: "\"\"") + "\"" : field
            }.joined(separator: String(delimiter))
            text += "\n"
        }
        if let header { line(header) }
        rows.forEach(line)
        return text
    }

    /// Writes `rows` (and an optional `header`) to `path`; see ``encode(header:rows:delimiter:)``.
    ///
    /// - Throws: ``FormatError`` (`.unwritable`) when the file cannot be written.
    public static func write(header: [String]? = nil, rows: [[String]], to path: String, delimiter: Character = ",") throws(FormatError) {
        try FileAccess.write(Array(encode(header: header, rows: rows, delimiter: delimiter).utf8), to: path)
    }

    /// Writes a matrix in course orientation, (n, m) with one example per column, as m rows of
    /// n numbers under `header` (n names), e.g. the predictions (1, m) of `backprop predict`
    /// as one column. Numbers are written in their shortest exact form.
    ///
    /// - Precondition: `header`, when given, has `matrix.rows` names.
    public static func write<T: MatrixScalar>(examples matrix: Matrix<T>, header: [String]? = nil, to path: String) throws(FormatError) {
        precondition(header == nil || header!.count == matrix.rows, "CSVFile.write: \(header!.count) names for \(matrix.rows) rows")
        let rows = (0..<matrix.columns).map { column in (0..<matrix.rows).map { "\(matrix[$0, column])" } }
        try write(header: header, rows: rows, to: path)
    }
}

extension String {
    /// The string with every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
