import BackpropTestSupport
import Testing
import BackpropMatrix
@testable import BackpropFormats

/// `.npy` reading and writing against files NumPy wrote (manifest values compared exactly).
@Suite struct NumPyFileTests {
    @Test(arguments: Fixtures.manifest.npy)
    func readsEveryNumPyFixtureExactly(entry: Fixtures.NpyEntry) throws {
        let array = try NumPyFile.read(path: Fixtures.path(entry.file))
        #expect(array.shape == entry.shape)
        #expect(array.dtype.name == entry.dtype)
        #expect(array.fortranOrder == entry.fortran)
        #expect(array.isLittleEndian == entry.little || array.dtype.itemSize == 1)
        #expect(array.count == entry.values.count)
        if array.dtype.isFloatingPoint {
            let values = array.values(as: Double.self)
            #expect(values == entry.values.map { Double($0)! })
        } else if array.dtype == .uint64 {
            // uint64 beyond Int64: compare the raw values.
            #expect(array.rawValues() == entry.values.map { UInt64($0)! })
        } else {
            #expect(try array.integers() == entry.values.map { Int64($0)! })
        }
    }

    @Test(arguments: Fixtures.manifest.npy)
    func reencodingGivesNumPysBytes(entry: Fixtures.NpyEntry) throws {
        let bytes = try Fixtures.bytes(entry.file)
        let array = try NumPyFile.read(bytes: bytes)
        #expect(NumPyFile.encode(array, version: entry.version[0]) == bytes)
    }

    @Test(arguments: Fixtures.manifest.npy_rejected.map(\.file))
    func refusesObjectComplexStructuredAndStringArrays(file: String) throws {
        let error = try #require(throws: FormatError.self) { try NumPyFile.read(path: Fixtures.path(file)) }
        #expect(error.reason == .unsupported)
        #expect(error.file == Fixtures.path(file))
        #expect(error.location == .byte(10))
    }

    @Test func fortranOrderIsReadInCOrder() throws {
        let array = try NumPyFile.read(path: Fixtures.path("npy/f8_le_fortran3d.npy"))
        // np.arange(24).reshape(2, 3, 4) / 8 stored column-major: C order gives 0, 1/8, 2/8, ...
        #expect(array.values(as: Double.self) == (0..<24).map { Double($0) / 8 })
    }

    @Test func matrixFollowsAtLeast2d() throws {
        let vector = try NumPyFile.read(path: Fixtures.path("npy/vector.npy"))
        let row: Matrix<Double> = try vector.matrix()
        #expect(row.shape == (1, 5))
        let scalar: Matrix<Float> = try NumPyFile.read(path: Fixtures.path("npy/scalar0d.npy")).matrix()
        #expect(scalar == Matrix([[3.25]]))
        let empty: Matrix<Float> = try NumPyFile.read(path: Fixtures.path("npy/empty0x3.npy")).matrix()
        #expect(empty.shape == (0, 3))
        let cube = try NumPyFile.read(path: Fixtures.path("npy/f8_le_fortran3d.npy"))
        #expect(throws: FormatError.self) { let _: Matrix<Double> = try cube.matrix() }
    }

    @Test func matrixRoundTripThroughAFile() throws {
        let matrix = Matrix<Double>([[1.5, -2, 3], [4, 5e-300, .pi]])
        let path = ScratchFolder.path("m.npy")
        try NumPyFile.write(matrix, to: path)
        let back: Matrix<Double> = try NumPyFile.read(path: path).matrix()
        #expect(back == matrix)
        let floats = Matrix<Float>([[1.25], [-7]])
        try NumPyFile.write(floats, to: path)
        let array = try NumPyFile.read(path: path)
        #expect(array.dtype == .float32 && array.shape == [2, 1])
        #expect(try array.matrix(as: Float.self) == floats)
    }

    @Test func intAndByteArraysOfAnyShapeRoundTrip() throws {
        let path = ScratchFolder.path("labels.npy")
        try NumPyFile.write([3, -1, Int64.max, Int64.min] as [Int64], shape: [2, 1, 2], to: path)
        let labels = try NumPyFile.read(path: path)
        #expect(labels.shape == [2, 1, 2] && labels.dtype == .int64)
        #expect(try labels.integers() == [3, -1, Int64.max, Int64.min])
        try NumPyFile.write([0, 255, 7] as [UInt8], shape: [3], to: path)
        #expect(try NumPyFile.read(path: path).integers() == [0, 255, 7])
    }

    @Test(arguments: NpyDType.allCases)
    func everyDtypeRoundTripsInBothOrdersAndByteOrders(dtype: NpyDType) throws {
        let values: [Double] = (0..<12).map { dtype == .bool ? Double($0 % 2) : Double($0) }
        for fortran in [false, true] {
            for little in [true, false] {
                for version in 1...3 {
                    let array = NpyArray(shape: [2, 3, 2], dtype: dtype, doubles: values, fortranOrder: fortran, isLittleEndian: little)
                    let back = try NumPyFile.read(bytes: NumPyFile.encode(array, version: version))
                    #expect(back == array)
                    #expect(back.values(as: Double.self) == values)
                }
            }
        }
    }

    /// float32 and float64 stored little-endian in C order are read straight from the bytes
    /// (`floatValues`); every other layout goes through the bit patterns (`rawValues`). The two
    /// must give the same bits, special values included (tolerance 0).
    @Test(arguments: [NpyDType.float32, .float64])
    func floatsReadStraightFromTheBytesMatchTheGeneralPath(dtype: NpyDType) throws {
        let specials: [Double] = [0, -0.0, 1, -2.5, .infinity, -.infinity, .nan, 1e-40, -0x1.2p-1030, 3.4e38, .pi]
        let array = NpyArray(shape: [specials.count], dtype: dtype, doubles: specials)
        let general = array.rawValues().map { NpyArray.decode($0, as: dtype) }
        let direct = try #require(array.floatValues(as: Double.self))
        #expect(direct.map(\.bitPattern) == general.map(\.bitPattern))
        let directFloat = try #require(array.floatValues(as: Float.self))
        #expect(directFloat.map(\.bitPattern) == general.map { Float($0).bitPattern })
        // Big-endian and Fortran-ordered 2-D arrays take the general path.
        #expect(NpyArray(shape: [specials.count], dtype: dtype, doubles: specials, isLittleEndian: false).floatValues(as: Double.self) == nil)
        #expect(NpyArray(shape: [1, specials.count], dtype: dtype, doubles: specials, fortranOrder: true).floatValues(as: Double.self) == nil)
    }

    /// An examples-first float array is read into X's columns a tile at a time
    /// (`floatColumns`), without the C-order copy; it must give the bits of that copy
    /// transposed (tolerance 0), for shapes across the 32 × 32 tiles, partial tiles, three axes
    /// (flattened per example) and special values, into float64 and float32.
    @Test(arguments: [NpyDType.float32, .float64])
    func columnsReadStraightFromTheBytesMatchTheTransposedValues(dtype: NpyDType) throws {
        let specials: [Double] = [0, -0.0, .infinity, -.infinity, .nan, 1e-40, -0x1.2p-1030, 3.4e38]
        for shape in [[1, 1], [1, 70], [70, 1], [33, 31], [64, 96], [37, 5, 7]] {
            let m = shape[0], n = shape.dropFirst().reduce(1, *)
            var generator = SeededGenerator(seed: UInt64(m * 1000 + n))
            let doubles = (0..<(m * n)).map { i in i % 13 == 0 ? specials[i / 13 % specials.count] : Double.random(in: -9...9, using: &generator) }
            let array = NpyArray(shape: shape, dtype: dtype, doubles: doubles)
            let columns = try #require(array.floatColumns(examples: m, features: n, as: Double.self))
            let expected = Matrix(rows: m, columns: n, elements: array.values(as: Double.self)).transposed
            #expect(columns.rows == n && columns.columns == m)
            #expect(columns.elements.map(\.bitPattern) == expected.elements.map(\.bitPattern), "shape \(shape)")
            let columnsFloat = try #require(array.floatColumns(examples: m, features: n, as: Float.self))
            let expectedFloat = Matrix(rows: m, columns: n, elements: array.values(as: Float.self)).transposed
            #expect(columnsFloat.elements.map(\.bitPattern) == expectedFloat.elements.map(\.bitPattern), "shape \(shape)")
        }
        let array = NpyArray(shape: [4, 6], dtype: dtype, doubles: (0..<24).map(Double.init))
        // Another split of the elements, no examples, and layouts read the general way.
        #expect(array.floatColumns(examples: 5, features: 6, as: Double.self) == nil)
        #expect(array.floatColumns(examples: 0, features: 0, as: Double.self) == nil)
        #expect(NpyArray(shape: [4, 6], dtype: dtype, doubles: (0..<24).map(Double.init), isLittleEndian: false)
            .floatColumns(examples: 4, features: 6, as: Double.self) == nil)
        #expect(NpyArray(shape: [4, 6], dtype: dtype, doubles: (0..<24).map(Double.init), fortranOrder: true)
            .floatColumns(examples: 4, features: 6, as: Double.self) == nil)
    }

    @Test func halfPrecisionConversionRoundsToNearestEven() {
        #expect(halfToFloat(NpyArray.doubleToHalf(65504)) == 65504)
        #expect(NpyArray.doubleToHalf(65520) == 0x7c00)
        #expect(NpyArray.doubleToHalf(1 + 0x1p-11) == 0x3c00)  // tie → even
        #expect(NpyArray.doubleToHalf(1 + 3 * 0x1p-11) == 0x3c02)  // tie → even (up)
        #expect(halfToFloat(0x0001) == 0x1p-24)
        #expect(NpyArray.doubleToHalf(0x1p-25) == 0)  // tie → even (zero)
        #expect(NpyArray.doubleToHalf(-2) == 0xc000)
    }

    @Test func badInputThrowsTypedErrorsWithOffsets() throws {
        let good = try Fixtures.bytes("npy/f8_le_c.npy")
        // Truncated data: header says (2, 3) float64, 48 bytes, fewer present.
        let truncated = try #require(throws: FormatError.self) { try NumPyFile.read(bytes: Array(good.dropLast(3))) }
        #expect(truncated.reason == .mismatch)
        // Truncated inside the header.
        let cut = try #require(throws: FormatError.self) { try NumPyFile.read(bytes: Array(good.prefix(40))) }
        #expect(cut.reason == .truncated && cut.location == .byte(10))
        // Wrong magic.
        var wrong = good
        wrong[1] = 0x4f
        let magic = try #require(throws: FormatError.self) { try NumPyFile.read(bytes: wrong) }
        #expect(magic.reason == .invalid && magic.location == .byte(0))
        // Unknown version.
        var version = good
        version[6] = 9
        #expect(throws: FormatError.self) { try NumPyFile.read(bytes: version) }
        // A header length beyond the file.
        var length = good
        length[8] = 0xff
        length[9] = 0xff
        let long = try #require(throws: FormatError.self) { try NumPyFile.read(bytes: length) }
        #expect(long.reason == .truncated)
        // Empty input.
        #expect(throws: FormatError.self) { try NumPyFile.read(bytes: []) }
    }

    @Test(arguments: [
        "{'descr': '<f8', 'fortran_order': False}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), 'extra': 1}",
        "{'descr': '<f8', 'fortran_order': 0, 'shape': (2, 3), }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, -3), }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999, 99999999999), }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': __import__('os').system('ls'), }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), } junk",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), 'shape': (3, 2)}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3)",
        "['descr', '<f8']",
        "{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (2,), }",
        "{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }",
        "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }",
        "{'descr': '<q9', 'fortran_order': False, 'shape': (2,), }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': ((((((((((((((((((2,),),),),),),),),),),),),),),),),),), }",
    ])
    func badHeadersAreRefusedWithoutEvaluation(header: String) throws {
        var bytes = NumPyFile.magic + [1, 0]
        let text = Array(header.utf8) + [0x0a]
        bytes += [UInt8(text.count & 0xff), UInt8(text.count >> 8)] + text + [UInt8](repeating: 0, count: 48)
        #expect(throws: FormatError.self) { try NumPyFile.read(bytes: bytes) }
    }

    @Test func headerParserReadsPython2LongsAndDoubleQuotes() throws {
        let literal = try PythonLiteral.parse("{\"descr\": \"<i8\", 'shape': (3L, 4L), 'x': [True, None]}", file: "t", baseOffset: 0)
        #expect(literal == .dictionary([
            ("descr", .string("<i8")), ("shape", .tuple([.integer(3), .integer(4)])),
            ("x", .list([.boolean(true), .none])),
        ]))
    }
}
