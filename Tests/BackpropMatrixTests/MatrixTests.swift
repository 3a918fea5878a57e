import Testing
@testable import BackpropMatrix

/// The matrix core against hand-computed values (each small enough to check on paper).
@Suite struct MatrixTests {
    let a = Matrix<Double>([[1, 2, 3], [4, 5, 6]])

    @Test func shapeAndRowMajorStorage() {
        #expect(a.rows == 2 && a.columns == 3)
        #expect(Array(a.elements) == [1, 2, 3, 4, 5, 6])
        #expect(a[1, 0] == 4)
        #expect(a.nestedRows == [[1, 2, 3], [4, 5, 6]])
    }

    /// Rows gathered from A equal the columns gathered from Aᵀ, transposed back.
    @Test func gatherRowsIsGatherColumnsOfTheTranspose() {
        let A = Matrix<Double>(rows: 5, columns: 3) { r, c in Double(10 * r + c) }
        var rows = Matrix<Double>(rows: 0, columns: 0), columns = Matrix<Double>(rows: 0, columns: 0)
        A.gatherRows([4, 0, 2, 2], into: &rows)
        A.transposed.gatherColumns([4, 0, 2, 2], into: &columns)
        #expect(rows.rows == 4 && rows.columns == 3 && rows == columns.transposed)
        #expect(rows.nestedRows[0] == [40, 41, 42])
    }

    @Test func transposeAndProduct() {
        #expect(a.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
        #expect(a.dot(a.transposed) == Matrix([[14, 32], [32, 77]]))
        #expect(Matrix.product(a, transposeA: true, a) == a.transposed.dot(a))
        #expect(Matrix.product(a, a, transposeB: true, alpha: 2) == Matrix([[28, 64], [64, 154]]))
        let big = Matrix<Double>(rows: 37, columns: 45) { r, c in Double(r * 45 + c).truncatingRemainder(dividingBy: 7) - 3 }
        #expect(big.transposed.transposed == big)
    }

    @Test func gemmAccumulatesWithBeta() {
        var c = Matrix<Double>([[1, 1], [1, 1]])
        Matrix.gemm(a, a, transposeB: true, alpha: 1, beta: 2, into: &c)
        #expect(c == Matrix([[16, 34], [34, 79]]))
    }

    @Test func emptyInnerDimensionGivesZeros() {
        let left = Matrix<Double>(rows: 3, columns: 0)
        let right = Matrix<Double>(rows: 0, columns: 2)
        #expect(left.dot(right) == Matrix(rows: 3, columns: 2))
    }

    @Test func broadcasting() {
        let column = Matrix<Double>.column([10, 20])
        let row = Matrix<Double>.row([1, 0, -1])
        #expect(a + column == Matrix([[11, 12, 13], [24, 25, 26]]))
        #expect(a * row == Matrix([[1, 0, -3], [4, 0, -6]]))
        #expect(a - Matrix([[1]]) == a - 1)
        #expect(2 * a == a + a)
        #expect(1 / Matrix<Double>([[2, 4]]) == Matrix([[0.5, 0.25]]))
        var b = a
        b += column
        #expect(b == a + column)
        b -= column
        #expect(b == a)
    }

    @Test func reductions() {
        #expect(a.sum() == 21)
        #expect(a.sum(axis: 0) == Matrix([[5, 7, 9]]))
        #expect(a.sum(axis: 1) == Matrix([[6], [15]]))
        #expect(a.mean(axis: 1) == Matrix([[2], [5]]))
        #expect(a.max(axis: 0) == Matrix([[4, 5, 6]]))
        #expect(a.min(axis: 1) == Matrix([[1], [4]]))
        #expect(a.mean() == 3.5)
        #expect(Matrix<Double>([[0, 9], [5, 1], [2, 3]]).argmaxOfColumns() == [1, 0])
    }

    @Test func elementwiseFunctions() {
        let x = Matrix<Double>([[0, 1], [-2, 4]])
        #expect(x.exp()[0, 1] == 2.718281828459045)
        #expect(x.maximum(0) == Matrix([[0, 1], [0, 4]]))
        #expect(x.clipped(to: -1...1) == Matrix([[0, 1], [-1, 1]]))
        #expect(Matrix<Double>([[4, 9]]).squareRoot() == Matrix([[2, 3]]))
        #expect(!Matrix<Double>([[1, .nan]]).isFinite)
    }

    @Test func columnsAndRows() {
        #expect(a.columns(at: [2, 0]) == Matrix([[3, 1], [6, 4]]))
        #expect(a.columns(in: 1..<3) == Matrix([[2, 3], [5, 6]]))
        #expect(a.rows(in: 1..<2) == Matrix([[4, 5, 6]]))
        #expect(a.reshaped(rows: 3, columns: 2) == Matrix([[1, 2], [3, 4], [5, 6]]))
    }

    @Test func copyOnWrite() {
        var b = a
        b[0, 0] = 100
        #expect(a[0, 0] == 1)
        #expect(b[0, 0] == 100)
    }

    @Test func inPlaceProductReusesStorage() {
        var c = Matrix<Double>(rows: 2, columns: 2)
        Matrix.gemm(a, a, transposeB: true, into: &c)
        let before = c.withUnsafeBufferPointer { $0.baseAddress }
        Matrix.gemm(a, a, transposeB: true, into: &c)
        #expect(c.withUnsafeBufferPointer { $0.baseAddress } == before)
    }

    @Test func floatAndConversion() {
        let f: Matrix<Float> = a.converted()
        #expect(f.dot(f.transposed) == Matrix<Float>([[14, 32], [32, 77]]))
        #expect(f.converted(to: Double.self) == a)
    }

    @Test func approximateEquality() {
        let b = a + 1e-12
        #expect(a.isApproximatelyEqual(to: b, tolerance: 1e-10))
        #expect(!a.isApproximatelyEqual(to: a + 1e-3, tolerance: 1e-10))
        #expect(a.maxAbsoluteDifference(a + 0.5) == 0.5)
    }

    @Test func description() {
        #expect(Matrix<Double>([[0.016243453636632417, 0]]).description == "[[0.01624345 0.]]")
    }
}
