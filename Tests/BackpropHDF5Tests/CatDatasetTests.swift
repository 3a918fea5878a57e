import Foundation
import Testing
@testable import BackpropHDF5
import BackpropTestSupport

/// The course's cat data, found as every test finds them (``CourseDataLocation``); the tests
/// that need them are skipped, saying where they looked, when they are absent.
@Suite struct CatDatasetTests {
    @Test(.requiresCourseData)
    func loadsShapesLabelsClassesAndPixels() throws {
        let data = try CatDataset<Double>.load(from: CourseDataLocation.folder)
        #expect(data.trainX.rows == 12288 && data.trainX.columns == 209)
        #expect(data.trainY.rows == 1 && data.trainY.columns == 209)
        #expect(data.testX.rows == 12288 && data.testX.columns == 50)
        #expect(data.testY.rows == 1 && data.testY.columns == 50)
        #expect(data.trainY.elements.reduce(0, +) == 72)
        #expect(data.testY.elements.reduce(0, +) == 33)
        #expect(data.classes == ["non-cat", "cat"])
        // Values from h5py + NumPy: X = x.reshape(m, -1).T / 255, printed with repr (exact).
        #expect(data.trainX[0, 0] == 0.06666666666666667)
        #expect(data.trainX[12287, 208] == 0.0)
        #expect(data.trainX[5000, 17] == 0.7686274509803922)
        #expect(data.trainX[777, 3] == 0.0196078431372549)
        #expect(data.testX[0, 0] == 0.6196078431372549)
        #expect(data.testX[12287, 49] == 0.0196078431372549)
        #expect(data.testX[5000, 17] == 0.4666666666666667)
        #expect(data.testX[777, 3] == 0.7176470588235294)
        // Sums (NumPy: 1037419.9098039216 and 258704.10588235295), to 1e-9 relative: order of summation differs.
        #expect(abs(data.trainX.elements.reduce(0, +) / 1037419.9098039216 - 1) < 1e-9)
        #expect(abs(data.testX.elements.reduce(0, +) / 258704.10588235295 - 1) < 1e-9)
    }

    @Test(.requiresCourseData)
    func floatVersionRoundsTheDoubleValues() throws {
        let data = try CatDataset<Float>.load(from: CourseDataLocation.folder)
        #expect(data.trainX[5000, 17] == Float(0.7686274509803922))
    }

    @Test func missingFolderThrowsCannotOpen() {
        let error = #expect(throws: HDF5Error.self) { try CatDataset<Double>.load(from: "/nonexistent-folder") }
        #expect(error?.kind == .cannotOpen)
        #expect(error?.file == "/nonexistent-folder/train_catvnoncat.h5")
    }
}
