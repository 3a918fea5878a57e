import Foundation

extension DataLoader {
    /// The file kinds ``load(_:x:y:seed:)`` reads, for help texts.
    public static let supportedKinds = ".h5/.hdf5, .npz, .csv/.tsv, MNIST …idx3-ubyte[.gz], a folder of class sub-folders of images"

    /// Data from a non-HDF5 file (or an image folder), by extension, through BackpropFormats'
    /// ``Dataset/load(path:options:)``: `.npz`, `.csv`/`.tsv`, MNIST IDX, image folders.
    ///
    /// - Throws: ``BackpropError``: `.badInput` for a missing file or bad content,
    ///   `.unsupported` for an extension no reader handles.
    public static func loadOther(path: String) throws(BackpropError) -> LabeledData {
        let dataset: Dataset<Double>
        do {
            dataset = try Dataset<Double>.load(path: path)
        } catch {
            if error.reason == .unsupported && error.expected.contains(".npz") {
                throw BackpropError(.unsupported, "\(path): cannot read data from this kind of file (\(error.found))",
                                    hint: "use \(supportedKinds), or a built-in data set: \(BuiltInData.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            throw BackpropError(error)
        }
        var inputShape: [Int]?
        if FileManager.default.fileExists(atPath: path + "/."), dataset.featureCount == 64 * 64 * 3 {
            inputShape = [64, 64, 3]
        } else if path.lowercased().contains("idx3-ubyte"), dataset.featureCount == 784 {
            inputShape = [28, 28, 1]
        }
        let shortName = path.split(separator: "/").last.map(String.init) ?? path
        return LabeledData(X: dataset.x, labels: dataset.y, classNames: dataset.classNames, inputShape: inputShape, source: shortName)
    }
}
