import Testing
@testable import BackpropMatrix

/// The tiled transpose (`Kernels.transpose`, behind `Matrix.transpose(_:into:)`) against the
/// element-by-element loop `ReferenceKernels.transpose`. A transpose only moves values, so the
/// tolerance is 0: every bit must match, and nothing outside the (columns, rows) block of the
/// output may be written.
@Suite struct KernelTransposeTests {
    /// Empty, single rows and columns, the tile sizes (16 floats, 8 doubles) and one off either
    /// side, and shapes of a mini-batch (b examples of 784 features) both ways.
    static let shapes: [(Int, Int)] = [
        (0, 0), (0, 5), (5, 0), (1, 1), (1, 17), (17, 1), (8, 8), (16, 16), (15, 17), (17, 15),
        (7, 9), (33, 70), (128, 784), (784, 129),
    ]

    static func check<T: MatrixScalar>(_: T.Type, rows: Int, columns: Int, pad: Int, seed: UInt64) -> Bool {
        var rng = SeededGenerator(seed: seed)
        let lda = columns + pad, ldo = rows + pad
        let a = (0..<max(rows * lda, 1)).map { _ in T(rng.nextDouble() * 2 - 1) }
        let sentinel = T(-7.25)
        var fast = [T](repeating: sentinel, count: max(columns * ldo, 1))
        var reference = fast
        a.withUnsafeBufferPointer { pa in
            fast.withUnsafeMutableBufferPointer { po in
                Kernels.transpose(pa.baseAddress!, rows: rows, columns: columns, sourceStride: max(lda, 1),
                                  into: po.baseAddress!, outStride: max(ldo, 1))
            }
            reference.withUnsafeMutableBufferPointer { po in
                ReferenceKernels.transpose(pa.baseAddress!, rows: rows, columns: columns, sourceStride: max(lda, 1),
                                           into: po.baseAddress!, outStride: max(ldo, 1))
            }
        }
        return fast.withUnsafeBytes { Array($0) } == reference.withUnsafeBytes { Array($0) }
    }

    @Test("Float and Double transposes match the reference bit for bit, padding untouched", arguments: [0, 3])
    func matchesReference(pad: Int) {
        for (i, (rows, columns)) in Self.shapes.enumerated() {
            #expect(Self.check(Float.self, rows: rows, columns: columns, pad: pad, seed: UInt64(i)), "Float (\(rows), \(columns)) pad \(pad)")
            #expect(Self.check(Double.self, rows: rows, columns: columns, pad: pad, seed: UInt64(100 + i)), "Double (\(rows), \(columns)) pad \(pad)")
        }
    }

    @Test("Matrix.transpose(_:into:) reuses the result and transposes back to the original")
    func matrixTransposeRoundTrips() {
        var rng = SeededGenerator(seed: 9)
        let x: Matrix<Float> = rng.normal(rows: 37, columns: 300)
        var t = Matrix<Float>(rows: 2, columns: 2)
        Matrix.transpose(x, into: &t)
        #expect(t.rows == 300 && t.columns == 37)
        #expect(t[299, 36] == x[36, 299] && t[5, 17] == x[17, 5])
        var back = Matrix<Float>(rows: 0, columns: 0)
        Matrix.transpose(t, into: &back)
        #expect(back == x)
    }
}
