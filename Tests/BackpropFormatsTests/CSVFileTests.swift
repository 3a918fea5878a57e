import BackpropTestSupport
import Testing
import BackpropMatrix
@testable import BackpropFormats

/// CSV reading against files Python's csv module wrote (values compared exactly).
@Suite struct CSVFileTests {
    static func options(for entry: Fixtures.CSVEntry) -> CSVOptions {
        var options = CSVOptions()
        options.delimiter = Character(entry.delimiter)
        switch entry.label {
        case .name(let name): options.label = .name(name)
        case .index(let index): options.label = .index(index)
        }
        options.categories = entry.categories ?? [:]
        return options
    }

    @Test(arguments: Fixtures.manifest.csv)
    func readsPythonsCSV(entry: Fixtures.CSVEntry) throws {
        let table = try CSVFile.read(path: Fixtures.path(entry.file), options: Self.options(for: entry))
        #expect(table.features == entry.features.flatMap { $0 })
        #expect(table.exampleCount == entry.features.count)
        if let header = entry.header { #expect(table.featureNames == header) }
        let labels = try #require(table.labels)
        #expect(labels.count == entry.labels.count)
        // The label text maps to the manifest's classes (sorted unique text, or integers).
        #expect(labels.map { entry.classes.firstIndex(of: $0) } == entry.labels.map { Optional($0) })
    }

    @Test func explicitHeaderModesOverrideDetection() throws {
        var options = CSVOptions()
        options.header = .absent
        options.label = .none
        options.delimiter = ";"
        let table = try CSVFile.read(path: Fixtures.path("csv/semicolon_noheader.csv"), options: options)
        #expect(table.featureNames == ["column 1", "column 2", "column 3"])
        #expect(table.labels == nil && table.exampleCount == 4)
        options.header = .present
        let headed = try CSVFile.read(path: Fixtures.path("csv/semicolon_noheader.csv"), options: options)
        #expect(headed.featureNames == ["1", "0.5", "2.0"] && headed.exampleCount == 3)
    }

    @Test(arguments: Fixtures.manifest.csv_bad)
    func badFilesNameLineAndColumn(entry: Fixtures.CSVBad) throws {
        let error = try #require(throws: FormatError.self) { try CSVFile.read(path: Fixtures.path(entry.file)) }
        #expect(error.location == .line(entry.line, column: entry.column))
        #expect(error.reason == (entry.reason == "mismatch" ? .mismatch : .invalid))
        #expect(error.description.hasPrefix(Fixtures.path(entry.file) + ", line \(entry.line)"))
    }

    @Test func unknownLabelColumnAndCategoryValuesAreErrors() throws {
        var options = CSVOptions()
        options.label = .name("nope")
        #expect(throws: FormatError.self) { try CSVFile.read(path: Fixtures.path("csv/awkward.csv"), options: options) }
        options.label = .index(9)
        #expect(throws: FormatError.self) { try CSVFile.read(path: Fixtures.path("csv/awkward.csv"), options: options) }
        options = CSVOptions()
        options.categories = ["color": ["red": 0]]
        let error = try #require(throws: FormatError.self) { try CSVFile.read(path: Fixtures.path("csv/categories.csv"), options: options) }
        #expect(error.location == .line(3, column: 1))
        // Without a mapping, text in a feature column is an error at its line and column.
        let text = try #require(throws: FormatError.self) { try CSVFile.read(path: Fixtures.path("csv/categories.csv")) }
        #expect(text.location == .line(2, column: 1))
        #expect(throws: FormatError.self) { try CSVFile.read(bytes: []) }
        #expect(throws: FormatError.self) { try CSVFile.read(bytes: Array("a,\"b\"x\n".utf8)) }
    }

    @Test func writeThenReadRoundTripsAwkwardFields() throws {
        let header = ["id", "name, with comma", "quote \"q\""]
        let rows = [["1", "line\nbreak", "2.5"], ["2", " spaced ", "\"\""], ["3", "", "-0"]]
        let text = CSVFile.encode(header: header, rows: rows)
        let records = try CSVParser.records(Array(text.utf8), delimiter: UInt8(ascii: ","), file: "t")
        #expect(records.map(\.fields) == [header] + rows)
        #expect(records.map(\.line) == [1, 2, 4, 5])
    }

    @Test func examplesMatrixIsWrittenOneRowPerExample() throws {
        let predictions = Matrix<Double>([[0.25, 1, 0], [3, 4, 5e-7]])
        let path = ScratchFolder.path("p.csv")
        try CSVFile.write(examples: predictions, header: ["p", "q"], to: path)
        var options = CSVOptions()
        options.label = .none
        let table = try CSVFile.read(path: path, options: options)
        #expect(table.featureNames == ["p", "q"])
        #expect(table.features == [0.25, 3, 1, 4, 0, 5e-7])
    }
}
