extension HDF5Group {
    /// The path of every dataset under this group, depth-first in link order, relative to the
    /// file's root and without a leading slash (`"train_set_x"`, `"images/train"`); groups are
    /// followed through hard links only, at most `maximumDepth` levels down.
    ///
    /// - Throws: ``HDF5Error`` for a damaged group or object header.
    public func datasetPaths(maximumDepth: Int = 4) throws(HDF5Error) -> [String] {
        var paths: [String] = []
        for link in try links() {
            guard case .hard = link.target else { continue }
            switch try object(for: link) {
            case .dataset(let dataset):
                paths.append(dataset.path.hasPrefix("/") ? String(dataset.path.dropFirst()) : dataset.path)
            case .group(let child):
                if maximumDepth > 0 { paths += try child.datasetPaths(maximumDepth: maximumDepth - 1) }
            }
        }
        return paths
    }
}
