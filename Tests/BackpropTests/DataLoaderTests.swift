import Backprop
import Foundation
import Testing

/// Loading the tool's data: HDF5 with automatic x/y detection against the values h5py wrote
/// (../BackpropCLITests/Fixtures/cli/make_cli_fixtures.py; exact), and the errors that name what exists.
@Suite struct DataLoaderTests {
    /// The CLI tests' fixtures (Tests/BackpropCLITests/Fixtures/cli), shared with them.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("BackpropCLITests/Fixtures/cli")
    static let file = fixtures.appendingPathComponent("tiny_images.h5").path

    @Test func readsCourseShapedHDF5AsFlattenedScaledColumns() throws {
        struct Expected: Decodable {
            struct Array: Decodable { var shape: [Int]; var values: [Int] }
            var train_set_x: Array
            var train_set_y: [Int]
        }
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("expected.json")))
        let data = try Dataset<Double>.load(source: Self.file)
        #expect(data.X.rows == 48 && data.X.columns == 12)
        #expect(data.inputShape == [4, 4, 3])
        #expect(data.classNames == ["dark", "bright"])
        #expect(data.labels?.elements.map { Int($0) } == expected.train_set_y)
        // X = x.reshape(m, -1).T / 255: column e holds example e's pixels in row, column, channel order.
        for example in 0..<12 {
            for feature in 0..<48 {
                #expect(data.X[feature, example] == Double(expected.train_set_x.values[example * 48 + feature]) / 255)
            }
        }
        #expect(data.source == "tiny_images.h5 (train_set_x, train_set_y)")
    }

    @Test func namesTheDatasetsThatExistWhenAskedForOneThatDoesNot() {
        do {
            _ = try Dataset<Double>.load(source: Self.file, x: "images")
            Issue.record("accepted")
        } catch {
            #expect(error.category == .badInput)
            #expect(error.message.hasSuffix("no dataset named \"images\"; it has: list_classes, train_set_x, train_set_y"))
        }
    }

    @Test func missingFilesListTheBuiltInDataSets() {
        do {
            _ = try Dataset<Double>.load(source: "spiral")
            Issue.record("accepted")
        } catch {
            #expect(error.category == .badInput)
            #expect(error.message == "spiral: no such file")
            #expect(error.hint.contains("spirals, flower"))
        }
    }

    @Test func builtInDataAreSeeded() throws {
        #expect(try Dataset<Double>.load(source: "flower", seed: 4) == Dataset<Double>.load(source: "flower", seed: 4))
        #expect(try Dataset<Double>.load(source: "flower", seed: 4).X != Dataset<Double>.load(source: "flower", seed: 5).X)
        #expect(try Dataset<Double>.load(source: "spirals").classCount == 3)
    }
}
