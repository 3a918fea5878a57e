import Foundation
import Testing
import BackpropMatrix
import BackpropTestSupport
@testable import BackpropFormats

/// Loading data sets from every format, and the operations on them.
@Suite struct DatasetTests {
    @Test func npzWithExamplesAsRowsIsTransposed() throws {
        let entry = Fixtures.manifest.npz[0]  // stored.npz: x (4, 3) float64, y (4,)
        let data = try Dataset<Double>.load(path: Fixtures.path(entry.file))
        let x = entry.members["x"]!.values.map { Double($0)! }
        #expect(data.X.shape == (3, 4))
        for example in 0..<4 { for feature in 0..<3 { #expect(data.X[feature, example] == x[example * 3 + feature]) } }
        #expect(data.classIndices == entry.members["y"]!.values.map { Int($0)! })
        #expect(data.classNames == ["0", "1"])
    }

    @Test func npzImagesAreFlattenedRowColumnChannelAndScaled() throws {
        let entry = Fixtures.manifest.npz[1]  // train_set_x (6, 4, 4, 3) uint8, train_set_y (1, 6)
        let data = try Dataset<Float>.load(path: Fixtures.path(entry.file))
        let pixels = entry.members["train_set_x"]!.values.map { Float(Int($0)!) / 255 }
        #expect(data.X.shape == (48, 6))
        #expect(data.X.transposed.elements == ContiguousArray(pixels))
        #expect(data.labels == Matrix([entry.members["train_set_y"]!.values.map { Float(Int($0)!) }]))
        #expect(data.inputShape == [4, 4, 3])
    }

    @Test func csvLoadsFeaturesAndClasses() throws {
        let entry = Fixtures.manifest.csv[0]
        var options = DatasetLoadOptions()
        options.csv = CSVFileTests.options(for: entry)
        let data = try Dataset<Double>.load(path: Fixtures.path(entry.file), options: options)
        #expect(data.X.transposed.elements == ContiguousArray(entry.features.flatMap { $0 }))
        #expect(data.classIndices == entry.labels && data.classNames == entry.classes)
        #expect(data.featureNames == entry.header)
        let semicolon = Fixtures.manifest.csv[1]
        options.csv = CSVFileTests.options(for: semicolon)
        let numeric = try Dataset<Double>.load(path: Fixtures.path(semicolon.file), options: options)
        #expect(numeric.classIndices == semicolon.labels && numeric.classNames == semicolon.classes)
    }

    @Test(arguments: ["", ".gz"])
    func idxPairLoadsByImagesFileName(suffix: String) throws {
        let entry = Fixtures.manifest.idx
        let data = try Dataset<Float>.load(path: Fixtures.path(entry.images + suffix))
        #expect(data.X.shape == (784, 5))
        #expect(data.classIndices == entry.label_values)
        #expect(data.inputShape == [28, 28, 1])
        #expect(data.classNames == (0...7).map(String.init))
        #expect(data.X[0, 1] == Float(entry.pixels[784]) / 255)
    }

    @Test func imageFolderIsADataSet() throws {
        let entry = Fixtures.manifest.imagefolder
        var options = DatasetLoadOptions()
        options.imageWidth = 4
        options.imageHeight = 4
        let data = try Dataset<Double>.load(path: Fixtures.path(entry.folder), options: options)
        #expect(data.classNames == entry.classes && data.classIndices == entry.labels)
        #expect(data.inputShape == [4, 4, 3])
        #expect(data.X.shape == (48, entry.columns.count))
        for (index, column) in entry.columns.enumerated() {
            #expect(data.X.columns(at: [index]).elements == ContiguousArray(column.map { Double($0) / 255 }))
        }
    }

    @Test(.requiresCourseData)
    func courseHDF5FilesLoadThroughBackpropHDF5() throws {
        let data = try Dataset<Double>.load(path: CourseDataLocation.path("train_catvnoncat.h5"))
        #expect(data.X.shape == (12288, 209))
        #expect(data.classNames == ["non-cat", "cat"])
        #expect(data.classIndices.filter { $0 == 1 }.count == 72)  // the course's 72 cats among 209
        #expect(data.X.max() <= 1 && data.X.min() >= 0)
        let test = try Dataset<Double>.load(path: CourseDataLocation.path("test_catvnoncat.h5"))
        #expect(test.X.shape == (12288, 50))
    }

    @Test func unknownOrAmbiguousInputsAreTypedErrors() throws {
        #expect(throws: FormatError.self) { try Dataset<Double>.load(path: Fixtures.path("npy/vector.npy")) }
        #expect(throws: FormatError.self) { try Dataset<Double>.load(path: Fixtures.path("nothing-here.csv")) }
        #expect(throws: FormatError.self) { try Dataset<Double>.choosePair(["a", "b"], part: nil, file: "f") }
        #expect(throws: FormatError.self) { try Dataset<Double>.choosePair(["x_train", "y_train", "x_test", "y_test"], part: "val", file: "f") }
        #expect(try Dataset<Double>.choosePair(["x_train", "y_train", "x_test", "y_test"], part: nil, file: "f") == ("x_train", "y_train"))
        #expect(try Dataset<Double>.choosePair(["train_set_x", "train_set_y", "test_set_x", "test_set_y"], part: "test", file: "f")
                == ("test_set_x", "test_set_y"))
        #expect(try Dataset<Double>.choosePair(["X", "Y"], part: nil, file: "f") == ("X", "Y"))
        // Named arrays: a given x takes its partner; names are checked and listed; groups pair within themselves.
        #expect(try Dataset<Double>.choosePair(["train_set_x", "train_set_y", "test_set_x", "test_set_y"], x: "test_set_x", file: "f")
                == ("test_set_x", "test_set_y"))
        #expect(try Dataset<Double>.choosePair(["a", "b"], x: "/a", y: "b", file: "f") == ("a", "b"))
        let missing = #expect(throws: FormatError.self) { try Dataset<Double>.choosePair(["a", "b"], x: "c", y: "b", file: "f", noun: "dataset") }
        #expect(missing?.found == "no dataset named \"c\"; it has: a, b")
        #expect(Dataset<Double>.pairs(["g/x_1", "g/y_1", "h/y_1", "X", "Y"]).map { "\($0.x)/\($0.y)" } == ["g/x_1/g/y_1", "X/Y"])
        // Shapes that do not fit.
        let x = NpyArray(shape: [3, 5], values: [Double](repeating: 0, count: 15))
        let y = NpyArray(shape: [4], values: [0, 1, 0, 1] as [Int64])
        #expect(throws: FormatError.self) { try Dataset<Double>.arrays(x: x, y: y, file: "f") }
        let negative = NpyArray(shape: [5], values: [0, 1, -1, 1, 0] as [Int64])
        #expect(throws: FormatError.self) { try Dataset<Double>.arrays(x: x, y: negative, file: "f") }
    }

    @Test func floatLabelsAreTargetsAndRowsPerExampleAreTransposed() throws {
        let x = NpyArray(shape: [3, 2], values: [1, 2, 3, 4, 5, 6] as [Double])
        let targets = try Dataset<Double>.arrays(x: x, y: NpyArray(shape: [3], values: [0.5, -1, 2] as [Double]), file: "f")
        #expect(targets.labels == Matrix([[0.5, -1, 2]]) && !targets.hasClassLabels && targets.classNames.isEmpty)
        let oneHot = try Dataset<Double>.arrays(x: x, y: NpyArray(shape: [3, 2], values: [1, 0, 0, 1, 1, 0] as [Double]), file: "f")
        #expect(oneHot.labels == Matrix([[1, 0, 1], [0, 1, 0]]) && oneHot.classIndices == [0, 1, 0])
        #expect(oneHot.X == Matrix([[1, 3, 5], [2, 4, 6]]))
    }

    @Test func splitIsSeededAndPartitions() {
        let x = Matrix<Double>(rows: 2, columns: 10) { row, column in Double(row * 100 + column) }
        let data = Dataset(X: x, classIndices: (0..<10).map { $0 % 3 }, classNames: ["a", "b", "c"], source: "test")
        let (train, validation) = data.split(validationFraction: 0.3, seed: 42)
        #expect(train.count == 7 && validation.count == 3)
        let seen = (train.X.elements.prefix(7) + validation.X.elements.prefix(3)).map { Int($0) }.sorted()
        #expect(seen == Array(0..<10))
        for part in [train, validation] {
            for column in 0..<part.count { #expect(part.classIndices[column] == Int(part.X[0, column]) % 3) }
        }
        let again = data.split(validationFraction: 0.3, seed: 42)
        #expect(again.train.X == train.X && again.validation.labels == validation.labels)
        #expect(data.split(validationFraction: 0.3, seed: 43).train.X != train.X)
        #expect(Dataset<Double>.permutation(count: 5, seed: 1) == Dataset<Double>.permutation(count: 5, seed: 1))
    }

    @Test func oneHotAndBack() {
        let labels = [2, 0, 1, 2]
        let oneHot = OneHot.encode(labels, classCount: 3, as: Double.self)
        #expect(oneHot == Matrix([[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]]))
        #expect(OneHot.decode(oneHot) == labels)
        #expect(OneHot.decode(Matrix<Float>([[0.2, 0.7, 0.5]])) == [0, 1, 0])
    }
}
