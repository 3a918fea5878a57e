import BackpropIO
import BackpropMatrix

/// The x and y arrays of a data set as a container holds them (`.npz` members, HDF5
/// datasets), before they become a ``Dataset``: the one place that decides the orientation of
/// X, scales pixels and reads labels, whatever the container.
struct ArrayPair<Scalar: MatrixScalar> {
    /// The values of x in C order: uint8 pixels kept as bytes (scaled by `PixelScaling`);
    /// float32 and float64 arrays that can be read straight from their bytes
    /// (`NpyArray.readsFloatsDirectly`) kept as stored, and read once X's orientation is known;
    /// anything else converted to the scalar type.
    enum Features {
        case pixels([UInt8])
        case floats(NpyArray)
        case numbers([Scalar])
    }

    /// The file, for errors.
    var file: String
    /// The names of the two arrays in the file.
    var names: (x: String, y: String)
    /// x's values and shape.
    var x: Features
    var xShape: [Int]
    /// y's values (exact for integers below 2^53) and shape; `yIsInteger` for integer and
    /// boolean dtypes.
    var y: [Double]
    var yShape: [Int]
    var yIsInteger: Bool
    /// Class names stored beside the arrays (`list_classes`), if any.
    var classNames: [String]?

    /// The data set.
    ///
    /// y holds one label per example, shaped (m,), (1, m) or (m, 1), or one row per example
    /// (m, k) for one-hot labels or several targets (X then gets labels (k, m)). Integer
    /// labels, and float labels that are all whole and non-negative, are class indices and must
    /// be below ``Dataset/maximumClassCount``; other float labels are targets. x is read in
    /// whichever orientation fits: (m, d1, d2, ...) with 3 or more dimensions is one example per
    /// leading index, flattened
    /// in C order (row, column, channel for images); a 2-d x is (n, m) when y is a row (1, m)
    /// or x has m columns only, else (m, n) transposed; a 1-d x is one feature. uint8 x is
    /// divided by 255 (`PixelScaling`), and images (uint8 with 2 or 3 dimensions per
    /// example) keep their shape as ``Dataset/inputShape``.
    ///
    /// - Throws: ``FormatError`` (`.mismatch`) when y does not give one label per example,
    ///   integer labels are negative or too large, or x has no axis of length m; `.tooLarge`
    ///   when the conversion does not fit the `MemoryBudget` (``checkBudget(file:names:x:y:scalarSize:)``).
    func dataset(source: String) throws(FormatError) -> Dataset<Scalar> {
        let (labels, m) = try labelMatrix()
        let X = try features(exampleCount: m, yIsRow: yShape.count == 2 && yShape[0] == 1)
        let perExample = Array(xShape.dropFirst())
        var inputShape: [Int]?
        if case .pixels = x, xShape.count >= 3, perExample.reduce(1, *) == X.rows {
            inputShape = perExample.count == 2 ? perExample + [1] : perExample
        }
        return Dataset(X: X, labels: labels, classNames: classNamesForLabels(labels), inputShape: inputShape, source: source)
    }

    /// The class names of (1, m) class labels: the file's when it has enough, else "0", "1", …;
    /// none for targets.
    func classNamesForLabels(_ labels: Matrix<Scalar>) -> [String] {
        guard labels.rows == 1 && labels.elements.allSatisfy({ Dataset<Scalar>.isClassIndex(Double($0)) }) else { return [] }
        let needed = Int(labels.elements.max() ?? -1) + 1
        return classNames.flatMap { $0.count >= needed && !$0.isEmpty ? $0 : nil } ?? (0..<Swift.max(needed, 1)).map(String.init)
    }

    /// The shape of a stored array and the bytes of one stored element, for budgets.
    struct StoredShape {
        var shape: [Int]
        var elementSize: Int
        /// uint8 pixels, scaled through a table instead of converted.
        var isPixels: Bool
        /// Floats read straight into X from the stored bytes (``Features/floats(_:)``).
        var readsDirectly = false
    }

    /// Throws unless turning x and y into a data set fits the `MemoryBudget` in force, checked
    /// before anything is read. The estimate is the peak the conversion holds at once, with c
    /// elements of x, m of y and s bytes per scalar:
    ///
    /// - x as pixels: the stored bytes, the scaled `Double` matrix (8c) and, for other scalars,
    ///   its conversion (s·c);
    /// - x as numbers: the stored bytes, the converted values (s·c) and the transposed matrix
    ///   (s·c); read directly from float bytes, the stored bytes and X (s·c);
    /// - y: the stored bytes, two `[Double]`/`[Int64]` conversions (16m) and the label matrix
    ///   with its transpose (2s·m).
    ///
    /// - Throws: ``FormatError`` `.tooLarge` naming the file, both arrays, the size and the budget.
    static func checkBudget(file: String, names: (x: String, y: String), x: StoredShape, y: StoredShape, scalarSize s: Int) throws(FormatError) {
        func bytes(_ shape: [Int], _ size: Int) -> Int? { MemoryBudget.size(shape: shape, elementSize: size) }
        let xStored = bytes(x.shape, x.elementSize)
        let xBuilt = x.isPixels ? MemoryBudget.sum([bytes(x.shape, 8), s == 8 ? 0 : bytes(x.shape, s)])
            : bytes(x.shape, x.readsDirectly ? s : 2 * s)
        let yBuilt = MemoryBudget.sum([bytes(y.shape, y.elementSize), bytes(y.shape, 16), bytes(y.shape, 2 * s)])
        let what = "\(quoted(names.x)) \(NpyArray.describe(x.shape)) and \(quoted(names.y)) \(NpyArray.describe(y.shape)) as \(8 * s)-bit floats"
        do {
            try MemoryBudget.current.check(bytes: MemoryBudget.sum([xStored, xBuilt, yBuilt]), for: what)
        } catch {
            throw FormatError(error, file: file)
        }
    }

    /// The labels as (1, m) or (k, m), and m.
    func labelMatrix() throws(FormatError) -> (Matrix<Scalar>, Int) {
        let isVector = yShape.count <= 1 || (yShape.count == 2 && (yShape[0] == 1 || yShape[1] == 1))
        guard isVector || yShape.count == 2 else {
            throw FormatError(.mismatch, file: file, expected: "\(quoted(names.y)) of shape (m,), (1, m), (m, 1) or (m, k)",
                              found: "shape \(NpyArray.describe(yShape))")
        }
        // Integer labels, and float labels that are all whole and non-negative, are classes.
        if isVector && (yIsInteger || y.allSatisfy({ $0 >= 0 && $0 == $0.rounded() })) {
            try Dataset<Scalar>.checkClassLabels(y, file: file, name: quoted(names.y))
        }
        let values = y.map { Scalar($0) }
        if isVector { return (Matrix(rows: 1, columns: values.count, elements: values), values.count) }
        return (Matrix(rows: yShape[0], columns: yShape[1], elements: values).transposed, yShape[0])
    }

    /// Whether x's first axis holds the m examples (else its last), as ``dataset(source:)``
    /// reads x; nil when no axis of x has m entries.
    static func examplesFirst(xShape: [Int], examples m: Int, yIsRow: Bool) -> Bool? {
        switch xShape.count {
        case 0: return nil
        case 1: return xShape[0] == m ? false : nil
        case 2:
            let (a, b) = (xShape[0], xShape[1])
            let first = !(b == m && (a != m || yIsRow))
            return !first || a == m ? first : nil
        default: return xShape[0] == m ? true : nil
        }
    }

    /// Features (n, m) from x; see ``dataset(source:)``.
    func features(exampleCount m: Int, yIsRow: Bool) throws(FormatError) -> Matrix<Scalar> {
        let mismatch = FormatError(.mismatch, file: file, expected: "\(quoted(names.x)) with an axis of \(m) examples (one per label)",
                                   found: "shape \(NpyArray.describe(xShape))")
        guard let examplesFirst = Self.examplesFirst(xShape: xShape, examples: m, yIsRow: yIsRow) else { throw mismatch }
        let total = xShape.reduce(1, *)
        let n = examplesFirst ? (m == 0 ? 0 : total / m) : (xShape.count == 1 ? 1 : xShape[0])
        switch (x, examplesFirst) {
        case (.pixels(let bytes), true): return PixelScaling.columns(bytes, examples: m, features: n, as: Scalar.self)
        case (.pixels(let bytes), false): return Matrix(rows: n, columns: m, elements: PixelScaling.scaled(bytes, as: Scalar.self))
        case (.numbers(let values), true): return Matrix(rows: m, columns: n, elements: values).transposed
        case (.numbers(let values), false): return Matrix(rows: n, columns: m, elements: values)
        case (.floats(let array), true):
            return array.floatColumns(examples: m, features: n, as: Scalar.self)
                ?? Matrix(rows: m, columns: n, elements: array.values(as: Scalar.self)).transposed
        case (.floats(let array), false): return Matrix(rows: n, columns: m, elements: array.values(as: Scalar.self))
        }
    }
}

extension Dataset {
    /// A data set from an x array and a y array (from `.npz` or anywhere else); see
    /// `ArrayPair/dataset(source:)` for the shapes read.
    ///
    /// - Parameters:
    ///   - x: the features; uint8 values are divided by 255.
    ///   - y: one label per example.
    ///   - file: the file they come from, for errors; its name is the ``source``.
    ///   - xName: x's name in the file, for errors.
    ///   - yName: y's name in the file, for errors.
    ///   - classNames: the class names, if the file has them.
    /// - Throws: ``FormatError`` (`.mismatch`) when y is not one label per example, integer
    ///   labels are not class indices (`checkClassLabels(_:file:name:)`), or x has no axis of
    ///   length m; `.tooLarge` when the conversion does not fit the `MemoryBudget`.
    public static func arrays(
        x: NpyArray, y: NpyArray, file: String, xName: String = "x", yName: String = "y", classNames: [String]? = nil
    ) throws(FormatError) -> Dataset {
        // Fortran-ordered pixels go through Double values (8 bytes) and back to bytes (1).
        let xStored = x.dtype.itemSize + (x.dtype == .uint8 && x.fortranOrder ? 9 : 0)
        try ArrayPair<Scalar>.checkBudget(
            file: file, names: (xName, yName),
            x: .init(shape: x.shape, elementSize: xStored, isPixels: x.dtype == .uint8, readsDirectly: x.readsFloatsDirectly),
            y: .init(shape: y.shape, elementSize: y.dtype.itemSize, isPixels: false), scalarSize: MemoryLayout<Scalar>.stride)
        let features: ArrayPair<Scalar>.Features = x.dtype == .uint8
            ? .pixels(x.fortranOrder ? x.values(as: Double.self).map { UInt8($0) } : x.data)
            : x.readsFloatsDirectly ? .floats(x) : .numbers(x.values(as: Scalar.self))
        let isInteger = ![.float16, .float32, .float64].contains(y.dtype)
        let pair = ArrayPair(file: file, names: (xName, yName), x: features, xShape: x.shape,
                             y: y.values(as: Double.self), yShape: y.shape, yIsInteger: isInteger, classNames: classNames)
        return try pair.dataset(source: fileName(file))
    }

    /// The x/y pair to load among `names` (`.npz` members, HDF5 dataset paths): the one in `x`
    /// and `y` when given, else the names that pair up as `x`/`y`, `x_…`/`y_…` or `…_x`/`…_y`
    /// (any case, in the same group): the only pair, or the one whose x contains `part`, or
    /// else the one whose x contains "train".
    ///
    /// - Parameters:
    ///   - noun: what the names are, for errors (`"array"`, `"dataset"`).
    /// - Throws: ``FormatError`` (`.mismatch`) naming what exists: for a given name that is
    ///   not there, a given x without its y partner (or y without x), no pair, or a choice
    ///   `part` does not settle.
    static func choosePair(
        _ names: [String], x: String? = nil, y: String? = nil, part: String? = nil, file: String, noun: String = "array"
    ) throws(FormatError) -> (x: String, y: String) {
        func existing(_ name: String?, role: String) throws(FormatError) -> String? {
            guard let name else { return nil }
            let trimmed = name.hasPrefix("/") ? String(name.dropFirst()) : name
            guard names.contains(trimmed) else {
                throw FormatError(.mismatch, file: file, expected: "the \(role) by name",
                                  found: "no \(noun) named \(quoted(name)); it has: \(names.joined(separator: ", "))")
            }
            return trimmed
        }
        let pairs = Self.pairs(names)
        switch (try existing(x, role: "features (x)"), try existing(y, role: "labels (y)")) {
        case let (x?, y?): return (x, y)
        case let (x?, nil):
            guard let pair = pairs.first(where: { $0.x == x }) else {
                throw FormatError(.mismatch, file: file, expected: "a labels \(noun) (y) beside \(quoted(x))", found: "none; name it")
            }
            return pair
        case let (nil, y?):
            guard let pair = pairs.first(where: { $0.y == y }) else {
                throw FormatError(.mismatch, file: file, expected: "a features \(noun) (x) beside \(quoted(y))", found: "none; name it")
            }
            return pair
        case (nil, nil):
            return try choose(among: pairs, names: names, part: part, file: file)
        }
    }

    /// The names that pair up, x first: `x`/`y`, `x_…`/`y_…`, `…_x`/`…_y` (any case, same group).
    static func pairs(_ names: [String]) -> [(x: String, y: String)] {
        let lowered = Dictionary(names.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        return names.compactMap { name in
            let lower = name.lowercased()
            let slash = lower.lastIndex(of: "/").map { lower.index(after: $0) } ?? lower.startIndex
            let (group, base) = (lower[..<slash], lower[slash...])
            var partner: Substring?
            if base == "x" { partner = "y" }
            else if base.hasPrefix("x_") { partner = "y_" + base.dropFirst(2) }
            else if base.hasSuffix("_x") { partner = base.dropLast(2) + "_y" }
            guard let partner, let y = lowered[String(group + partner)] else { return nil }
            return (name, y)
        }
    }

    /// The pair `part` chooses, the only pair, or the "train" pair.
    static func choose(among pairs: [(x: String, y: String)], names: [String], part: String?, file: String) throws(FormatError) -> (x: String, y: String) {
        let listing = pairs.isEmpty ? names.map { quoted($0) }.joined(separator: ", ") : pairs.map { "\($0.x)/\($0.y)" }.joined(separator: ", ")
        if let part {
            let matching = pairs.filter { $0.x.lowercased().contains(part.lowercased()) }
            guard matching.count == 1 else {
                throw FormatError(.mismatch, file: file, expected: "one x/y pair whose name contains \(quoted(part))", found: listing)
            }
            return matching[0]
        }
        if pairs.count == 1 { return pairs[0] }
        let train = pairs.filter { $0.x.lowercased().contains("train") }
        guard train.count == 1 else {
            throw FormatError(.mismatch, file: file,
                              expected: pairs.isEmpty ? "arrays named x and y (or x_…/y_…, …_x/…_y)" : "one x/y pair (choose with part)",
                              found: listing.isEmpty ? "nothing" : listing)
        }
        return train[0]
    }
}
