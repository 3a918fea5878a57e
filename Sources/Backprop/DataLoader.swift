import Foundation

/// Loads training and test data for the tool: the built-in data sets, and files chosen by
/// extension.
///
/// | source | how |
/// |---|---|
/// | `spirals`, `flower` | generated in-process from the seed (``BuiltInData``) |
/// | `.h5`, `.hdf5` | ``loadHDF5(path:x:y:)``: X from `--x`, labels from `--y`, found automatically when the file has exactly one `*_x` and one `*_y` dataset |
/// | other extensions | ``loadOther(path:csv:)`` through BackpropFormats |
///
/// Integer image data (uint8) are flattened in (row, column, channel) order per example and
/// divided by 255, as the course does: X = x.reshape(m, -1).T / 255.
public enum DataLoader {
    /// Loads `source`: a built-in data set name or a file path.
    ///
    /// See Also: ``loadOther(path:csv:)`` for the formats read through BackpropFormats.
    ///
    /// - Parameters:
    ///   - source: `spirals`, `flower`, or a path.
    ///   - x: the features' dataset name inside an HDF5 file (or nil: automatic).
    ///   - y: the labels' dataset name inside an HDF5 file (or nil: automatic).
    ///   - seed: the seed of a built-in data set.
    ///   - csv: how `.csv`/`.tsv` files are read (label column, delimiter, header); ignored for
    ///     other sources.
    /// - Throws: ``BackpropError``: `.badInput` for a missing file, unreadable content, an
    ///   unknown dataset name (listing those that exist); `.unsupported` for an extension
    ///   Backprop does not read.
    public static func load(_ source: String, x: String? = nil, y: String? = nil, seed: UInt32 = 1, csv: CSVOptions = CSVOptions()) throws(BackpropError) -> LabeledData {
        if let builtIn = BuiltInData(rawValue: source) {
            return try builtIn.generate(seed: seed)
        }
        guard FileManager.default.fileExists(atPath: source) else {
            let folder = URL(fileURLWithPath: source).deletingLastPathComponent().path
            let place = FileManager.default.fileExists(atPath: folder) ? "no such file" : "no such folder \(folder)"
            throw BackpropError(.badInput, "\(source): \(place)",
                                hint: "check the path (relative to \(FileManager.default.currentDirectoryPath)), or use a built-in data set: \(BuiltInData.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        switch fileExtension(source) {
        case "h5", "hdf5", "he5":
            return try loadHDF5(path: source, x: x, y: y)
        default:
            if x != nil || y != nil {
                throw BackpropError(.usage, "--x and --y name datasets inside an HDF5 file; \(source) is not one",
                                    hint: "drop --x/--y for this file")
            }
            return try loadOther(path: source, csv: csv)
        }
    }

    /// The lower-cased extension of a path ("" when none).
    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// X and labels from an HDF5 file (see the type's table).
    ///
    /// - Throws: ``BackpropError`` as ``load(_:x:y:seed:)``.
    public static func loadHDF5(path: String, x: String?, y: String?) throws(BackpropError) -> LabeledData {
        do {
            let file = try HDF5File(path: path)
            let names = try datasetPaths(file.root)
            let xPath = try choose(x, role: "features", option: "--x", suffixes: ["_x", "x"], among: names, file: path)
            let yPath = try choose(y, role: "labels", option: "--y", suffixes: ["_y", "y"], among: names, file: path)
            let features = try file.dataset(at: xPath)
            guard !features.isNull, let m = features.shape.first, m > 0 else {
                throw BackpropError(.badInput, "\(path): dataset \(xPath) is empty", hint: "choose another dataset with --x")
            }
            let perExample = Array(features.shape.dropFirst())
            let n = perExample.reduce(1, *)
            var X = Matrix<Double>(rows: n, columns: m)
            var inputShape: [Int]? = nil
            if case .integer(size: 1, signed: false, _) = features.datatype {
                // uint8 pixels: x.reshape(m, -1).T / 255
                let bytes = try features.readRaw().bytes
                X.withUnsafeMutableBufferPointer { target in
                    for example in 0..<m {
                        for feature in 0..<n { target[feature * m + example] = Double(bytes[example * n + feature]) / 255 }
                    }
                }
                if perExample.count >= 2 { inputShape = perExample.count == 2 ? perExample + [1] : perExample }
            } else {
                let values = try features.read(as: Double.self).values
                X.withUnsafeMutableBufferPointer { target in
                    for example in 0..<m {
                        for feature in 0..<n { target[feature * m + example] = values[example * n + feature] }
                    }
                }
            }
            let labelSet = try file.dataset(at: yPath)
            let (labelValues, labelShape) = try labelSet.read(as: Double.self)
            let labels: Matrix<Double>
            if labelShape.count <= 1 || labelShape.dropFirst().allSatisfy({ $0 == 1 }) || (labelShape.count == 2 && labelShape[0] == 1) {
                guard labelValues.count == m else {
                    throw BackpropError(.badInput, "\(path): \(yPath) holds \(labelValues.count) labels for \(m) examples in \(xPath)",
                                        hint: "choose matching datasets with --x and --y")
                }
                labels = Matrix(rows: 1, columns: m, elements: labelValues)
            } else if labelShape.count == 2 && labelShape[0] == m {
                labels = Matrix(rows: m, columns: labelShape[1], elements: labelValues).transposed
            } else {
                throw BackpropError(.badInput, "\(path): \(yPath) has shape \(labelShape), which does not give one label per example of \(xPath) (\(m))",
                                    hint: "choose matching datasets with --x and --y")
            }
            var classNames: [String] = []
            for candidate in ["list_classes", "classes", "class_names"] where names.contains("/" + candidate) {
                if let strings = try? file.dataset(at: candidate).readStrings() { classNames = strings }
            }
            let shortName = path.split(separator: "/").last.map(String.init) ?? path
            return LabeledData(X: X, labels: labels, classNames: classNames, inputShape: inputShape,
                               source: "\(shortName) (\(xPath.dropFirst()), \(yPath.dropFirst()))")
        } catch let error as BackpropError {
            throw error
        } catch {
            throw BackpropError(error)
        }
    }

    /// Every dataset path under `group`, depth-first, at most 4 levels deep.
    static func datasetPaths(_ group: HDF5Group, depth: Int = 0) throws(HDF5Error) -> [String] {
        var paths: [String] = []
        for link in try group.links() {
            guard case .hard = link.target else { continue }
            switch try group.object(for: link) {
            case .dataset(let dataset): paths.append(dataset.path.hasPrefix("/") ? dataset.path : "/" + dataset.path)
            case .group(let child): if depth < 4 { paths += try datasetPaths(child, depth: depth + 1) }
            }
        }
        return paths
    }

    /// The dataset `name` (checked to exist), or the only dataset whose name ends with one of
    /// `suffixes`.
    static func choose(_ name: String?, role: String, option: String, suffixes: [String], among paths: [String], file: String) throws(BackpropError) -> String {
        let listing = paths.map { String($0.dropFirst()) }.joined(separator: ", ")
        if let name {
            let path = name.hasPrefix("/") ? name : "/" + name
            guard paths.contains(path) else {
                throw BackpropError(.badInput, "\(file): no dataset named \"\(name)\"; it has: \(listing)",
                                    hint: "pass one of these names to \(option)")
            }
            return path
        }
        let matches = paths.filter { path in
            let base = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
            return base == suffixes[1] || base.hasSuffix(suffixes[0])
        }
        guard matches.count == 1 else {
            throw BackpropError(.badInput, "\(file): cannot tell which dataset holds the \(role): \(matches.isEmpty ? "none" : "several") named *\(suffixes[0]) (datasets: \(listing))",
                                hint: "name it with \(option) NAME")
        }
        return matches[0]
    }
}
