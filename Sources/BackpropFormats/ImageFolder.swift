import BackpropMatrix

/// A folder of images with one sub-folder per class, as a data set:
///
///     pets/cat/1.jpg, pets/cat/2.png, pets/dog/1.jpg  →  classes ["cat", "dog"]
///
/// Class names are the sub-folder names in sorted order; within a class, files are taken in
/// sorted order; files without a `.png`, `.jpg` or `.jpeg` extension are ignored.
public enum ImageFolder {
    /// Loads every image, converted to `channels` and resized to `width` × `height`, as a
    /// data set with X of shape (height·width·channels, m), each column an image in row,
    /// column, channel order scaled to [0, 1] (see `Image/column(as:)`), input shape
    /// (height, width, channels).
    ///
    /// - Throws: ``FormatError``: `.wrongKind` for a folder of data files without sub-folders
    ///   (`data: this is a folder of data files (test.h5, train.h5), not an image folder …`),
    ///   `.mismatch` for a folder with no class sub-folders or no images, or any error of an
    ///   image that fails to decode (naming its file).
    public static func load<T: MatrixScalar>(
        path: String, width: Int = 64, height: Int = 64, channels: Int = 3,
        method: ResizeMethod = .area, as type: T.Type = T.self
    ) throws(FormatError) -> Dataset<T> {
        precondition(width > 0 && height > 0 && (1...4).contains(channels),
                     "ImageFolder.load: size \(width)×\(height)×\(channels) must be positive with 1...4 channels")
        guard let entries = FileAccess.directoryEntries(path) else {
            throw FormatError(.unreadable, file: path, expected: "a folder of class sub-folders", found: "no readable folder")
        }
        let classes = entries.filter { FileAccess.isDirectory(FileAccess.join(path, $0)) }
        guard !classes.isEmpty else {
            let files = dataFiles(in: path)
            if !files.isEmpty {
                throw FormatError(.wrongKind, file: path, expected: "an image folder (one sub-folder of images per class)",
                                  found: "a folder of data files (\(listed(files)))")
            }
            throw FormatError(.mismatch, file: path, expected: "one sub-folder per class", found: "no sub-folders")
        }
        let size = width * height * channels
        var values: [T] = []
        var labels: [Int] = []
        for (label, name) in classes.enumerated() {
            let folder = FileAccess.join(path, name)
            let files = (FileAccess.directoryEntries(folder) ?? []).filter {
                ImageFile.extensions.contains(($0.split(separator: ".").last.map(String.init) ?? "").lowercased())
            }
            for file in files {
                let image = try ImageFile.read(path: FileAccess.join(folder, file),
                                               fitting: ImageShape(width: width, height: height, channels: channels), method: method)
                values += image.column(as: T.self).elements
                labels.append(label)
            }
        }
        guard !labels.isEmpty else {
            throw FormatError(.mismatch, file: path, expected: "images (.png, .jpg, .jpeg) in the class folders", found: "none")
        }
        // values holds one image after another: (m, size) row-major → (size, m).
        let x = Matrix<T>(rows: labels.count, columns: size, elements: values).transposed
        return Dataset(X: x, classIndices: labels, classNames: classes, inputShape: [height, width, channels], source: fileName(path))
    }

    /// The data files (``Dataset/isDataFileName(_:)``) directly in the folder at `path`, sorted;
    /// empty when there are none or `path` is not a folder.
    public static func dataFiles(in path: String) -> [String] {
        (FileAccess.directoryEntries(path) ?? []).filter {
            Dataset<Double>.isDataFileName($0) && !FileAccess.isDirectory(FileAccess.join(path, $0))
        }
    }

    /// Up to 5 names, then how many more: "a.h5, b.h5, … (3 more)".
    private static func listed(_ names: [String]) -> String {
        names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", … (\(names.count - 5) more)" : "")
    }
}
