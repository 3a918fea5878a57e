import BackpropMatrix
#if canImport(BackpropHDF5)
import BackpropHDF5
#endif

extension Dataset {
    /// Loads an x/y pair from an HDF5 file through BackpropHDF5: the datasets at the root
    /// named `x`/`y`, `x_…`/`y_…` or `…_x`/`…_y` (the course's `train_set_x`/`train_set_y`),
    /// with class names from a `list_classes`, `classes` or `class_names` string dataset.
    static func loadHDF5(path: String, part: String?) throws(FormatError) -> Dataset {
        #if canImport(BackpropHDF5)
        func wrap(_ error: HDF5Error) -> FormatError {
            FormatError(.invalid, file: path, expected: "a readable HDF5 data set", found: "\(error)")
        }
        do {
            let file = try HDF5File(path: path)
            let names = try file.root.links().map(\.name)
            let pair = try choosePair(names, part: part, file: path)
            let xSet = try file.dataset(at: pair.x)
            let ySet = try file.dataset(at: pair.y)
            let (xValues, xShape) = try xSet.read(as: Scalar.self)
            let labels64 = try ySet.readInt64()
            let ySpace = ySet.shape
            guard ySpace.count <= 1 || (ySpace.count == 2 && (ySpace[0] == 1 || ySpace[1] == 1)) else {
                throw FormatError(.mismatch, file: path, expected: "\(pair.y) of shape (m,), (1, m) or (m, 1)",
                                  found: "shape \(NpyArray.describe(ySpace))")
            }
            let isUInt8: Bool = if case .integer(size: 1, signed: false, _) = xSet.datatype { true } else { false }
            var classNames: [String]?
            for candidate in ["list_classes", "classes", "class_names"] where names.contains(candidate) {
                classNames = try? file.dataset(at: candidate).readStrings()
                if classNames != nil { break }
            }
            let features = try Dataset.features(
                values: xValues, shape: xShape, isUInt8: isUInt8, exampleCount: labels64.count,
                yIsRow: ySpace.count == 2 && ySpace[0] == 1, file: path, name: pair.x)
            return try Dataset(x: features, labels64: labels64, classNames: classNames, file: path)
        } catch let error as HDF5Error {
            throw wrap(error)
        } catch let error as FormatError {
            throw error
        } catch {
            throw FormatError(.invalid, file: path, expected: "a readable HDF5 data set", found: "\(error)")
        }
        #else
        throw FormatError(.unsupported, file: path, expected: "a format this build reads", found: "HDF5 (BackpropHDF5 not linked)")
        #endif
    }
}
