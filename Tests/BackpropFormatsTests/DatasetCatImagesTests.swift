import Foundation
import Testing
import BackpropMatrix
@testable import BackpropFormats
import BackpropTestSupport

/// The course's cat images (`Dataset.catImages`) against h5py + NumPy (values printed with
/// repr, exact).
@Suite struct DatasetCatImagesTests {
    @Test(.requiresCourseData)
    func loadsShapesLabelsClassesAndPixels() throws {
        let (train, test) = try Dataset<Double>.catImages(folder: CourseDataLocation.folder)
        #expect(train.X.rows == 12288 && train.X.columns == 209)
        #expect(train.labels!.rows == 1 && train.labels!.columns == 209)
        #expect(test.X.rows == 12288 && test.X.columns == 50)
        #expect(test.labels!.rows == 1 && test.labels!.columns == 50)
        #expect(train.labels!.elements.reduce(0, +) == 72)
        #expect(test.labels!.elements.reduce(0, +) == 33)
        #expect(train.classNames == ["non-cat", "cat"] && test.classNames == ["non-cat", "cat"])
        #expect(train.inputShape == [64, 64, 3])
        #expect(train.source == "train_catvnoncat.h5 (train_set_x, train_set_y)")
        // X = x.reshape(m, -1).T / 255.
        #expect(train.X[0, 0] == 0.06666666666666667)
        #expect(train.X[12287, 208] == 0.0)
        #expect(train.X[5000, 17] == 0.7686274509803922)
        #expect(train.X[777, 3] == 0.0196078431372549)
        #expect(test.X[0, 0] == 0.6196078431372549)
        #expect(test.X[12287, 49] == 0.0196078431372549)
        #expect(test.X[5000, 17] == 0.4666666666666667)
        #expect(test.X[777, 3] == 0.7176470588235294)
        // Sums (NumPy: 1037419.9098039216 and 258704.10588235295), to 1e-9 relative: order of summation differs.
        #expect(abs(train.X.elements.reduce(0, +) / 1037419.9098039216 - 1) < 1e-9)
        #expect(abs(test.X.elements.reduce(0, +) / 258704.10588235295 - 1) < 1e-9)
    }

    @Test(.requiresCourseData)
    func floatVersionRoundsTheDoubleValues() throws {
        let data = try Dataset<Float>.catImages(folder: CourseDataLocation.folder)
        #expect(data.train.X[5000, 17] == Float(0.7686274509803922))
    }

    @Test func missingFolderIsUnreadableNamingTheFile() {
        let error = #expect(throws: FormatError.self) { try Dataset<Double>.catImages(folder: "/nonexistent-folder") }
        #expect(error?.reason == .unreadable)
        #expect(error?.file == "/nonexistent-folder/train_catvnoncat.h5")
    }
}
