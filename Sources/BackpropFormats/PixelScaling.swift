import BackpropMatrix

/// uint8 pixels as features in [0, 1], the way the course computes them: `x / 255` in float64,
/// then converted to the scalar type (`train_x = train_set_x_orig.reshape(m, -1).T / 255`).
///
/// Every reader of image data (HDF5, `.npz`, MNIST IDX) scales through here, so the course's
/// cat images give the course's numbers bit for bit in `Double`, and their correctly rounded
/// `Float` values in `Float`.
enum PixelScaling {
    /// `Double(byte) / 255` for every byte value.
    static let table: [Double] = (0..<256).map { Double($0) / 255 }

    /// ``table`` rounded to `Float`: `Float(Double(byte) / 255)`, what the `Double` value
    /// converts to.
    static let floatTable: [Float] = table.map { Float($0) }

    /// The bytes scaled, in the same order (a concrete loop per scalar type through the
    /// tables: the generic one runs unspecialised).
    static func scaled<T: MatrixScalar>(_ bytes: [UInt8], as type: T.Type = T.self) -> [T] {
        if T.self == Double.self { return unsafeBitCast(lookUp(bytes, in: table), to: [T].self) }
        if T.self == Float.self { return unsafeBitCast(lookUp(bytes, in: floatTable), to: [T].self) }
        return bytes.map { T(table[Int($0)]) }
    }

    /// `values[byte]` for every byte.
    static func lookUp<V>(_ bytes: [UInt8], in values: [V]) -> [V] {
        [V](unsafeUninitializedCapacity: bytes.count) { out, initialized in
            bytes.withUnsafeBufferPointer { source in
                values.withUnsafeBufferPointer { table in
                    for i in 0..<source.count { (out.baseAddress! + i).initialize(to: table[Int(source[i])]) }
                }
            }
            initialized = bytes.count
        }
    }

    /// Examples stored one after another, (m, n) row-major as `x.reshape(m, -1)`, as the
    /// features matrix X (n, m) scaled to [0, 1]: X[feature, example] = bytes[example · n + feature] / 255.
    ///
    /// - Precondition: `bytes.count == examples * features`.
    static func columns<T: MatrixScalar>(_ bytes: [UInt8], examples m: Int, features n: Int, as type: T.Type = T.self) -> Matrix<T> {
        precondition(bytes.count == m * n, "PixelScaling.columns: \(bytes.count) bytes for \(m) examples of \(n) features")
        let transposed = transposeScaled(bytes, examples: m, features: n)
        let elements: ContiguousArray<T> = T.self == Double.self
            ? unsafeBitCast(transposed, to: ContiguousArray<T>.self)
            : ContiguousArray(transposed.lazy.map { T($0) })
        return Matrix(rows: n, columns: m, elements: elements)
    }

    /// X[feature, example] = bytes[example * features + feature] / 255, in `Double` (a concrete
    /// loop: the generic one runs unspecialised and is twenty times slower).
    static func transposeScaled(_ bytes: [UInt8], examples m: Int, features: Int) -> ContiguousArray<Double> {
        var elements = ContiguousArray<Double>(repeating: 0, count: bytes.count)
        bytes.withUnsafeBufferPointer { source in
            table.withUnsafeBufferPointer { values in
                elements.withUnsafeMutableBufferPointer { target in
                    // In 64 × 64 tiles, so that both the reads and the writes stay in cache.
                    let tile = 64
                    for exampleStart in stride(from: 0, to: m, by: tile) {
                        let exampleEnd = min(exampleStart + tile, m)
                        for featureStart in stride(from: 0, to: features, by: tile) {
                            let featureEnd = min(featureStart + tile, features)
                            for example in exampleStart..<exampleEnd {
                                for feature in featureStart..<featureEnd {
                                    target[feature * m + example] = values[Int(source[example * features + feature])]
                                }
                            }
                        }
                    }
                }
            }
        }
        return elements
    }
}
