import BackpropIO
import Foundation

extension Dataset where Scalar == Double {
    /// The data a command names (`--data`, `--test`, `convert IN`): a built-in data set
    /// (``builtInNames``, drawn from `seed`) or a file read by `load(path:options:)`, with
    /// errors in the tool's taxonomy and hints naming its options.
    ///
    /// | source | how |
    /// |---|---|
    /// | `spirals`, `flower` | generated in-process from the seed (``builtIn(_:seed:)``) |
    /// | `.h5`, `.hdf5` | `loadHDF5(path:x:y:part:)`: X from `x`, labels from `y`, found from the names when not given |
    /// | other files, folders | `load(path:options:)`: `.npz`, `.csv`/`.tsv`, MNIST IDX, image folders |
    ///
    /// Integer image data (uint8) are flattened in (row, column, channel) order per example and
    /// divided by 255, as the course does: X = x.reshape(m, -1).T / 255.
    ///
    /// - Parameters:
    ///   - source: `spirals`, `flower`, or a path.
    ///   - x: the features' dataset inside an HDF5 or `.npz` file (nil: found from the names).
    ///   - y: the labels' dataset inside an HDF5 or `.npz` file, or the labels `.npy` of a
    ///     features `.npy` (nil: found from the names).
    ///   - seed: the seed of a built-in data set.
    ///   - csv: how `.csv`/`.tsv` files are read (label column, delimiter, header); ignored for
    ///     other sources. With `csv.label == .none` the data have no labels.
    /// - Throws: ``BackpropError``: `.badInput` for a missing file, unreadable content, an
    ///   unknown dataset name (listing those that exist); `.usage` for `x`/`y` with a file
    ///   that has no named arrays; `.unsupported` for a kind of file Backprop does not read.
    public static func load(source: String, x: String? = nil, y: String? = nil, seed: UInt32 = 1, csv: CSVOptions = CSVOptions()) throws(BackpropError) -> Dataset {
        if let builtIn = builtIn(source, seed: seed) { return builtIn }
        guard FileManager.default.fileExists(atPath: source) else {
            let folder = URL(fileURLWithPath: source).deletingLastPathComponent().path
            let place = FileManager.default.fileExists(atPath: folder) ? "no such file" : "no such folder \(folder)"
            throw BackpropError(.badInput, "\(source): \(place)",
                                hint: "check the path (relative to \(FileManager.default.currentDirectoryPath)), or use a built-in data set: \(builtInNames.joined(separator: ", "))")
        }
        let kind = fileExtension(source)
        if (x != nil || y != nil) && !["h5", "hdf5", "he5", "npz"].contains(kind) && !(kind == "npy" && x == nil) {
            throw BackpropError(.usage, "--x and --y name datasets inside an HDF5 or .npz file (--y also the labels .npy of a features .npy); \(source) is not one",
                                hint: "drop --x/--y for this file")
        }
        var options = DatasetLoadOptions()
        options.csv = csv
        options.x = x
        options.y = y
        do {
            return try load(path: source, options: options)
        } catch {
            throw dataError(error, path: source)
        }
    }

    /// A reading error with a hint naming the options that change how the file is read, or,
    /// for a folder of data files given as an image folder, one of its files to give instead.
    static func dataError(_ error: FormatError, path: String) -> BackpropError {
        var mapped = BackpropError(error)
        if error.reason == .wrongKind {
            let files = ImageFolder.dataFiles(in: path)
            if let example = files.first(where: { $0.lowercased().contains("train") }) ?? files.first {
                mapped.hint = "give one of its files, for example --data \(joinPath(path, example))"
            }
            return mapped
        }
        if FileKind(path: path) == .directory {
            mapped.hint = "a folder is read as images, one sub-folder per class (pets/cat/1.jpg, pets/dog/1.jpg)"
            return mapped
        }
        if error.reason == .unsupported && error.expected.contains(".npz") {
            return BackpropError(.unsupported, "\(path): cannot read data from this kind of file (\(error.found))",
                                 hint: "use \(readableKinds), or a built-in data set: \(builtInNames.joined(separator: ", "))")
        }
        guard mapped.category == .badInput else { return mapped }
        if isCSV(path) {
            if error.found.hasPrefix("no feature columns") {
                mapped = BackpropError(.badInput, "\(path): \(error.found)",
                                       hint: "check the delimiter: for example --delimiter ';' or --delimiter tab")
            } else if error.expected.contains("label column") || error.expected.contains("header column named") {
                mapped.hint = "choose the label column with --label-column NAME|INDEX (0-based), or --label-column none for features only"
            } else if error.expected.contains("a number") {
                mapped.hint = "every column but the label must hold numbers: choose the label with --label-column, and check --header present|absent|auto"
            } else {
                mapped.hint = "fix that line of the file, or check --delimiter and --header"
            }
        } else if error.reason == .mismatch && ["h5", "hdf5", "he5", "npz"].contains(fileExtension(path)) {
            mapped.hint = "choose the arrays with --x NAME and --y NAME (`backprop inspect \(path)` lists an HDF5 file's datasets)"
        }
        return mapped
    }

    /// Whether `path` is read as CSV (`.csv`, `.tsv`, `.txt` and not a folder), as
    /// ``load(path:options:)`` decides.
    static func isCSV(_ path: String) -> Bool {
        ["csv", "tsv", "txt"].contains(fileExtension(path)) && !FileManager.default.fileExists(atPath: path + "/.")
    }
}

/// The lower-cased extension of a path's file name ("" when it has none).
func fileExtension(_ path: String) -> String {
    URL(fileURLWithPath: path).pathExtension.lowercased()
}
