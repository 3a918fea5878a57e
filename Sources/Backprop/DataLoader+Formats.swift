import Foundation

extension DataLoader {
    /// The file kinds ``load(_:x:y:seed:csv:)`` reads, for help texts.
    public static let supportedKinds = ".h5/.hdf5, .npz, .csv/.tsv, MNIST …idx3-ubyte[.gz], a folder of class sub-folders of images"

    /// Data from a non-HDF5 file (or an image folder), by extension, through BackpropFormats'
    /// ``Dataset/load(path:options:)``: `.npz`, `.csv`/`.tsv`, MNIST IDX, image folders.
    ///
    /// A CSV file read with `csv.label == .none` has no labels: every column is a feature and
    /// the data serve prediction only (``LabeledData/labels`` is nil).
    ///
    /// - Parameters:
    ///   - path: the file or folder.
    ///   - csv: how `.csv`/`.tsv`/`.txt` files are read; ignored for other kinds.
    /// - Throws: ``BackpropError``: `.badInput` for a missing file or bad content (a CSV error
    ///   names the line and column), `.unsupported` for an extension no reader handles.
    public static func loadOther(path: String, csv: CSVOptions = CSVOptions()) throws(BackpropError) -> LabeledData {
        let shortName = path.split(separator: "/").last.map(String.init) ?? path
        if csv.label == .none && isCSV(path) {
            do {
                var options = csv
                if fileExtension(path) == "tsv" && options.delimiter == "," { options.delimiter = "\t" }
                let table = try CSVFile.read(path: path, options: options)
                let n = table.featureNames.count
                let X = Matrix<Double>(rows: n, columns: table.exampleCount) { row, column in table.features[column * n + row] }
                return LabeledData(X: X, labels: nil, source: shortName)
            } catch {
                throw csvError(error)
            }
        }
        let dataset: Dataset<Double>
        do {
            var options = DatasetLoadOptions()
            options.csv = csv
            dataset = try Dataset<Double>.load(path: path, options: options)
        } catch {
            if error.reason == .unsupported && error.expected.contains(".npz") {
                throw BackpropError(.unsupported, "\(path): cannot read data from this kind of file (\(error.found))",
                                    hint: "use \(supportedKinds), or a built-in data set: \(BuiltInData.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            throw isCSV(path) ? csvError(error) : BackpropError(error)
        }
        if dataset.featureCount == 0 && isCSV(path) {
            throw BackpropError(.badInput, "\(path): no feature columns (each row is one field, read as the label)",
                                hint: "check the delimiter: for example --delimiter ';' or --delimiter tab")
        }
        var inputShape: [Int]?
        if FileManager.default.fileExists(atPath: path + "/."), dataset.featureCount == 64 * 64 * 3 {
            inputShape = [64, 64, 3]
        } else if path.lowercased().contains("idx3-ubyte") {
            // MNIST-style images are square (28×28); the side is the square root of the size.
            let side = Int(Double(dataset.featureCount).squareRoot().rounded())
            if side * side == dataset.featureCount { inputShape = [side, side, 1] }
        }
        return LabeledData(X: dataset.x, labels: dataset.y, classNames: dataset.classNames, inputShape: inputShape, source: shortName)
    }

    /// A CSV reading error with a hint naming the options that change how the file is read.
    static func csvError(_ error: FormatError) -> BackpropError {
        var mapped = BackpropError(error)
        guard mapped.category == .badInput else { return mapped }
        if error.expected.contains("label column") || error.expected.contains("header column named") {
            mapped.hint = "choose the label column with --label-column NAME|INDEX (0-based), or --label-column none for features only"
        } else if error.expected.contains("a number") {
            mapped.hint = "every column but the label must hold numbers: choose the label with --label-column, and check --header present|absent|auto"
        } else {
            mapped.hint = "fix that line of the file, or check --delimiter and --header"
        }
        return mapped
    }

    /// Whether `path` is read as CSV (`.csv`, `.tsv`, `.txt`), as ``Dataset/load(path:options:)`` decides.
    static func isCSV(_ path: String) -> Bool {
        ["csv", "tsv", "txt"].contains(fileExtension(path)) && !FileManager.default.fileExists(atPath: path + "/.")
    }
}
