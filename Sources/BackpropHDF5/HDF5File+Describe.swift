extension HDF5File {
    /// The deepest group nesting ``describeTree()`` descends into.
    public static let maximumTreeDepth = 64

    /// The file's tree as readable text, for `backprop inspect FILE.h5`: every group, every
    /// dataset with its shape, datatype, layout and filters, every attribute with its values
    /// (the first eight), soft and external links with their targets.
    ///
    /// ```
    /// train_catvnoncat.h5 (superblock version 0)
    /// /
    ///   list_classes   (2)  string (7 bytes, NULLPAD)  contiguous
    ///   train_set_x    (209, 64, 64, 3)  uint8  contiguous
    ///   train_set_y    (209)  int64 (little-endian)  contiguous
    /// ```
    ///
    /// A group reached again through a hard link to one of its ancestors is listed once and
    /// marked, so cyclic files print finitely.
    ///
    /// - Throws: ``HDF5Error`` for the first damaged structure met.
    public func describeTree() throws(HDF5Error) -> String {
        var lines = ["\(path) (superblock version \(superblockVersion)\(userBlockSize > 0 ? ", user block of \(userBlockSize) bytes" : ""))", "/"]
        let root = try self.root
        try describe(group: root, indent: "  ", ancestors: [root.address], into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(group: HDF5Group, indent: String, ancestors: Set<UInt64>, into lines: inout [String]) throws(HDF5Error) {
        guard ancestors.count <= HDF5File.maximumTreeDepth else {
            throw HDF5Error(.sizeTooLarge, file: path, objectPath: group.path, found: "groups nested deeper than \(HDF5File.maximumTreeDepth)")
        }
        for attribute in try group.attributes() { lines.append(indent + HDF5File.describe(attribute)) }
        for link in try group.links() {
            switch link.target {
            case .soft(let target):
                lines.append("\(indent)\(link.name) -> \(target)  (soft link)")
            case .external(let file, let target):
                lines.append("\(indent)\(link.name) -> \(file):\(target)  (external link, not followed)")
            case .hard(let address):
                let child: HDF5Object
                do throws(HDF5Error) {
                    child = try group.object(for: link)
                } catch where error.kind == .unsupportedFeature("committed datatype") {
                    lines.append("\(indent)\(link.name)  (named datatype)")
                    continue
                }
                switch child {
                case .group(let subgroup):
                    if ancestors.contains(address) {
                        lines.append("\(indent)\(link.name)/  (hard link to an enclosing group: cycle, not descended)")
                        continue
                    }
                    lines.append("\(indent)\(link.name)/")
                    var inner = ancestors
                    inner.insert(address)
                    try describe(group: subgroup, indent: indent + "  ", ancestors: inner, into: &lines)
                case .dataset(let dataset):
                    let shape = dataset.isNull ? "null" : "(" + dataset.shape.map(String.init).joined(separator: ", ") + ")"
                    var line = "\(indent)\(link.name)  \(shape)  \(dataset.datatype)  \(dataset.layoutDescription)"
                    if !dataset.filters.isEmpty { line += "  filters: " + dataset.filters.map(\.description).joined(separator: ", ") }
                    lines.append(line)
                    for attribute in try dataset.attributes() { lines.append(indent + "  " + HDF5File.describe(attribute)) }
                }
            }
        }
    }

    /// `@name (shape) type = v1, v2, ...` with at most eight values.
    static func describe(_ attribute: HDF5Attribute) -> String {
        let shape = attribute.isNull ? "null" : attribute.shape.isEmpty ? "scalar" : "(" + attribute.shape.map(String.init).joined(separator: ", ") + ")"
        var text = "@\(attribute.name)  \(shape)  \(attribute.datatype)"
        if let values = try? attribute.formattedValues(), !attribute.isNull {
            let shown = values.prefix(8).map { attribute.datatype.isString ? "\"\($0)\"" : $0 }
            text += " = " + shown.joined(separator: ", ") + (values.count > 8 ? ", … (\(values.count) values)" : "")
        }
        return text
    }
}
