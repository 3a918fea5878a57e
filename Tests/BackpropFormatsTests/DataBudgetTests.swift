import Foundation
import Testing
import BackpropIO
import BackpropMatrix
import BackpropCompression
import BackpropTestSupport
@testable import BackpropFormats

/// Issue 17 for data: label values never become class counts, the conversion of x/y is checked
/// against the `MemoryBudget` before it is built, decompression stops at the budget, and a
/// version byte no writer produced is damage.
@Suite struct DataBudgetTests {
    func underBudget<T>(_ bytes: Int, _ body: () throws -> T) rethrows -> T {
        try MemoryBudget.$current.withValue(MemoryBudget(bytes: bytes), operation: body)
    }

    // MARK: Class labels

    @Test func integerLabelTextMustBeClassIndices() throws {
        let (labels, names) = try Dataset<Double>.classes(fromText: ["0", "2", "1", " 2"], file: "t.csv")
        #expect(labels == [0, 2, 1, 2] && names == ["0", "1", "2"])
        let big = #expect(throws: FormatError.self) { try Dataset<Double>.classes(fromText: ["0", "1000000"], file: "t.csv") }
        #expect(big?.reason == .mismatch && big?.found == "label 1000000 at example 1")
        let negative = #expect(throws: FormatError.self) { try Dataset<Double>.classes(fromText: ["-1", "1"], file: "t.csv") }
        #expect(negative?.found == "label -1 at example 0")
        let largest = String(Dataset<Double>.maximumClassCount - 1)
        #expect(try Dataset<Double>.classes(fromText: ["0", largest], file: "t.csv").classNames.count == Dataset<Double>.maximumClassCount)
        #expect(throws: FormatError.self) { try Dataset<Double>.classes(fromText: ["0", String(Dataset<Double>.maximumClassCount)], file: "t.csv") }
        // Text that is not all integers is class names, sorted as np.unique sorts them.
        #expect(try Dataset<Double>.classes(fromText: ["b", "a", "1.5"], file: "t.csv").classNames == ["1.5", "a", "b"])
    }

    @Test func hugeLabelValuesAreRefusedNamingValueAndExample() throws {
        let error = #expect(throws: FormatError.self) {
            try Dataset<Double>.checkClassLabels([0, 1, 0x1p62], file: "f.h5", name: "\"y\"")
        }
        #expect(error?.found == "label 4611686018427387904 at example 2")
        #expect(error?.expected.contains("0…65535") == true)
    }

    /// Float labels outside the class range are targets: no class count from them, no trap.
    @Test func nonClassLabelsAreTargetsWithoutAClassCount() {
        let data = Dataset<Double>(X: Matrix(rows: 1, columns: 3), labels: Matrix([[0, 1e6, 1e30]]), source: "t")
        #expect(!data.hasClassLabels)
        #expect(data.classCount == 2)
        #expect(data.classIndices == [0, -1, -1])
    }

    @Test func trainingLabelsWithAGapAreRefusedNamingTheClass() throws {
        let X = Matrix<Double>(rows: 1, columns: 4)
        let gap = Dataset(X: X, classIndices: [0, 2, 0, 2], classNames: ["cat", "dog", "bird"], source: "gap.csv")
        let error = #expect(throws: FormatError.self) { try gap.checkTrainingLabels() }
        #expect(error?.found == "no example of class 1 (dog)")
        try Dataset(X: X, classIndices: [0, 1, 2, 1], classNames: ["0", "1", "2"], source: "ok").checkTrainingLabels()
        // All one class and targets pass (binary data may hold only class 0).
        try Dataset(X: X, classIndices: [0, 0, 0, 0], classNames: ["0"], source: "zeros").checkTrainingLabels()
        try Dataset<Double>(X: X, labels: Matrix([[0.5, -1, 2, 3]]), source: "targets").checkTrainingLabels()
    }

    /// One-hot labels of 3 classes × 4 examples are 96 bytes.
    @Test func oneHotLabelsAreCheckedAgainstTheBudget() throws {
        let data = Dataset(X: Matrix<Double>(rows: 1, columns: 4), classIndices: [0, 1, 2, 1], classNames: ["0", "1", "2"], source: "s")
        try underBudget(96) { try data.checkTrainingLabels() }
        let error = #expect(throws: FormatError.self) { try underBudget(95) { try data.checkTrainingLabels() } }
        #expect(error?.reason == .tooLarge)
    }

    // MARK: The conversion budget

    /// x (10, 3) float32 as numbers, y (10,) int64, Double: 120 stored + 2·8·30 built, and
    /// y 80 stored + 16·10 + 2·8·10 = 1000 bytes in all; 760 when x is read straight into X.
    @Test func theConversionPeakIsTheDocumentedSum() throws {
        let x = ArrayPair<Double>.StoredShape(shape: [10, 3], elementSize: 4, isPixels: false)
        let y = ArrayPair<Double>.StoredShape(shape: [10], elementSize: 8, isPixels: false)
        try underBudget(1000) { try ArrayPair<Double>.checkBudget(file: "f", names: ("x", "y"), x: x, y: y, scalarSize: 8) }
        let error = #expect(throws: FormatError.self) {
            try underBudget(999) { try ArrayPair<Double>.checkBudget(file: "f", names: ("x", "y"), x: x, y: y, scalarSize: 8) }
        }
        #expect(error?.reason == .tooLarge && error?.found.contains("needing 1000 B") == true)
        // Pixels as Float: 30 stored + 8·30 scaled + 4·30 converted, y 1 byte each: 390 + 10 + 160 + 80.
        let pixels = ArrayPair<Float>.StoredShape(shape: [10, 3], elementSize: 1, isPixels: true)
        let bytes = ArrayPair<Float>.StoredShape(shape: [10], elementSize: 1, isPixels: false)
        try underBudget(640) { try ArrayPair<Float>.checkBudget(file: "f", names: ("x", "y"), x: pixels, y: bytes, scalarSize: 4) }
        #expect(throws: FormatError.self) {
            try underBudget(639) { try ArrayPair<Float>.checkBudget(file: "f", names: ("x", "y"), x: pixels, y: bytes, scalarSize: 4) }
        }
        // Floats read straight into X: 120 stored + 8·30, y as above: 360 + 400.
        var direct = x
        direct.readsDirectly = true
        try underBudget(760) { try ArrayPair<Double>.checkBudget(file: "f", names: ("x", "y"), x: direct, y: y, scalarSize: 8) }
        #expect(throws: FormatError.self) {
            try underBudget(759) { try ArrayPair<Double>.checkBudget(file: "f", names: ("x", "y"), x: direct, y: y, scalarSize: 8) }
        }
        // Shapes whose size overflows Int are refused, not trapped.
        let huge = ArrayPair<Double>.StoredShape(shape: [1 << 40, 1 << 40], elementSize: 8, isPixels: false)
        #expect(throws: FormatError.self) { try ArrayPair<Double>.checkBudget(file: "f", names: ("x", "y"), x: huge, y: y, scalarSize: 8) }
    }

    /// stored.npz: x (4, 3) float64, y (4,) int64. x is read straight into X (its 96 stored
    /// bytes and X's 96), y takes 32 stored, 64 converted and 64 as labels: the data set needs
    /// 352 bytes, and is refused (`.tooLarge`, naming both arrays) one byte short. Reading the
    /// archive itself needs 384 bytes (its members, headers included), so the whole load is
    /// refused below that, naming the member.
    @Test func npzDataSetsLoadOnlyWithinTheBudget() throws {
        let path = Fixtures.path(Fixtures.manifest.npz[0].file)
        let reference = try underBudget(.max) { try Dataset<Double>.load(path: path) }
        #expect(reference.X.shape == (3, 4))
        #expect(try underBudget(384) { try Dataset<Double>.load(path: path) }.X.elements == reference.X.elements)
        let archive = try NumPyArchive.read(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))), file: path)
        let x = try #require(archive["x"]), y = try #require(archive["y"])
        #expect(try underBudget(352) { try Dataset<Double>.arrays(x: x, y: y, file: path) }.X.elements == reference.X.elements)
        let error = #expect(throws: FormatError.self) { try underBudget(351) { try Dataset<Double>.arrays(x: x, y: y, file: path) } }
        #expect(error?.reason == .tooLarge)
        #expect(error?.found.contains("\"x\" (4, 3) and \"y\" (4,)") == true)
        let member = #expect(throws: FormatError.self) { try underBudget(383) { try Dataset<Double>.load(path: path) } }
        #expect(member?.reason == .tooLarge && member?.found.contains("member \"y.npy\"") == true)
    }

    /// A CSV of 3 rows × 2 features: 48 bytes parsed; X as Double beside them, 96.
    @Test func csvValuesAndMatrixAreCheckedAgainstTheBudget() throws {
        let text = Array("a,b,label\n1,2,0\n3,4,1\n5,6,0\n".utf8)
        let table = try underBudget(48) { try CSVFile.read(bytes: text, file: "t.csv") }
        #expect(throws: FormatError.self) { try underBudget(47) { try CSVFile.read(bytes: text, file: "t.csv") } }
        #expect(try underBudget(96) { try Dataset<Double>.csv(table, file: "t.csv") }.X.shape == (2, 3))
        let error = #expect(throws: FormatError.self) { try underBudget(95) { try Dataset<Double>.csv(table, file: "t.csv") } }
        #expect(error?.reason == .tooLarge)
    }

    // MARK: Decompression

    /// A member is refused on its declared size before it is inflated.
    @Test func npzMembersAboveTheBudgetAreRefusedBeforeInflating() throws {
        let zeros = NpyArray(shape: [4096], values: [UInt8](repeating: 0, count: 4096))
        let archive = NumPyArchive(arrays: [("x", zeros)]).encode(compressed: true)
        #expect(try underBudget(.max) { try NumPyArchive.read(bytes: archive, file: "z.npz") }["x"] == zeros)
        let error = #expect(throws: FormatError.self) { try underBudget(4000) { try NumPyArchive.read(bytes: archive, file: "z.npz") } }
        #expect(error?.reason == .tooLarge && error?.found.contains("member \"x.npy\"") == true)
    }

    /// Gunzipping stops at the budget: 16 + 4096 bytes of IDX inflate within 4112 bytes only.
    @Test func gzipIDXStopsAtTheBudget() throws {
        let idx: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 4, 0, 0, 0, 32, 0, 0, 0, 32] + [UInt8](repeating: 7, count: 4096)
        let gzip = Gzip.compress(idx)
        #expect(try underBudget(4112) { try IDXFile.read(bytes: gzip, file: "i.gz") }.shape == [4, 32, 32])
        let error = #expect(throws: FormatError.self) { try underBudget(4111) { try IDXFile.read(bytes: gzip, file: "i.gz") } }
        #expect(error?.reason == .tooLarge)
    }

    /// MNIST's Double matrix is checked before it is built: 4·1024 pixels are 4096 stored bytes
    /// and 32 768 scaled, plus 4 labels (4 + 64 + 64).
    @Test func mnistMatrixIsCheckedAgainstTheBudget() throws {
        let images = try NpyArray(shape: [4, 32, 32], dtype: .uint8, isLittleEndian: false, data: [UInt8](repeating: 1, count: 4096), file: "i")
        let labels = try NpyArray(shape: [4], dtype: .uint8, isLittleEndian: false, data: [0, 1, 2, 3], file: "l")
        let (X, _): (Matrix<Double>, [Int]) = try underBudget(36_996) { try MNIST.combine(images: images, labels: labels, imagesFile: "i", labelsFile: "l") }
        #expect(X.shape == (1024, 4))
        #expect(throws: FormatError.self) {
            let _: (Matrix<Double>, [Int]) = try underBudget(36_995) { try MNIST.combine(images: images, labels: labels, imagesFile: "i", labelsFile: "l") }
        }
    }

    // MARK: Damage

    @Test func npyVersionNoWriterProducedIsInvalid() throws {
        var bytes = NumPyFile.encode(NpyArray(shape: [2], values: [Int64(1), 2]))
        bytes[6] = 9
        let error = #expect(throws: FormatError.self) { try NumPyFile.read(bytes: bytes, file: "v9.npy") }
        #expect(error?.reason == .invalid && error?.found == "9.0")
    }
}
