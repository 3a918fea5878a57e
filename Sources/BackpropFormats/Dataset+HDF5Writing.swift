import BackpropMatrix
import BackpropHDF5

extension Dataset {
    /// Writes `hdf5File()` to `path` atomically (`FileAccess.write(_:to:)`).
    ///
    /// - Throws: ``FormatError`` `.unwritable` when the file cannot be written, `.invalid` if
    ///   the writer refuses the layout (it holds only fixed names, so it does not).
    func writeHDF5(to path: String) throws(FormatError) {
        let bytes: [UInt8]
        do throws(HDF5WriteError) {
            bytes = try hdf5File().encoded()
        } catch {
            throw FormatError(.invalid, file: path, expected: "data an HDF5 file can hold", found: error.description)
        }
        try FileAccess.write(bytes, to: path)
    }

    /// The data set in the course's HDF5 layout (`train_catvnoncat.h5`), for ``write(to:)``:
    ///
    /// - `train_set_x`: for images (``inputShape`` set) whose every value is a pixel `b / 255`
    ///   (``PixelScaling``), uint8 of shape (m, height, width, channels), the bytes `b`;
    ///   otherwise the features in the scalar's float type (float32 or float64), of shape
    ///   (m, …``inputShape``) or (m, n_x): the course's `x.reshape(m, -1).T` gives X back;
    /// - `train_set_y`: int64 (m,), the class indices (0 without labels);
    /// - `list_classes`: fixed-length byte strings (NumPy `|S…`) of the class names, or
    ///   `"0"`, `"1"`… when the data set names none.
    ///
    /// All contiguous and uncompressed, like the course's files.
    func hdf5File() throws(HDF5WriteError) -> HDF5Writer {
        let classes = labels == nil ? [Int](repeating: 0, count: count) : classIndices
        let names = classNames.isEmpty ? (0..<Swift.max(classCount, 1)).map(String.init) : classNames
        var file = HDF5Writer()
        try file.createDataset("train_set_x", hdf5Features())
        try file.createDataset("train_set_y", HDF5Array(classes.map(Int64.init), shape: [count]))
        try file.createDataset("list_classes", HDF5Array(strings: names))
        return file
    }

    /// X as an (m, …) array: uint8 pixels when ``pixelBytes()`` finds them, floats otherwise.
    private func hdf5Features() -> HDF5Array {
        let shape = [count] + (inputShape ?? [featureCount])
        if inputShape != nil, let bytes = pixelBytes() {
            return HDF5Array(bytes, shape: shape)
        }
        let rows = X.transposed.elements  // (m, n_x) row-major: one example after another
        if Scalar.self == Float.self { return HDF5Array(rows.map { Float($0) }, shape: shape) }
        return HDF5Array(rows.map { Double($0) }, shape: shape)
    }

    /// The bytes `b` with X = b / 255 exactly (as ``PixelScaling`` computes it in `Scalar`),
    /// example after example, or nil when some value is not such a pixel.
    func pixelBytes() -> [UInt8]? {
        let pixels = PixelScaling.table.map { Scalar($0) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(X.elements.count)
        for value in X.transposed.elements {
            let scaled = Double(value) * 255
            guard scaled >= 0, scaled <= 255 else { return nil }
            let byte = Int(scaled.rounded())
            guard pixels[byte] == value else { return nil }
            bytes.append(UInt8(byte))
        }
        return bytes
    }
}
