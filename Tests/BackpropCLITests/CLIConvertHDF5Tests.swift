import Backprop
import BackpropTestSupport
import Foundation
import Testing

/// `backprop convert IN OUT.h5`: the course's layout (`train_set_x`, `train_set_y`,
/// `list_classes`) written from any data set, read back by `inspect`, `train` and the loader
/// with the same values; h5py and the course notebook's code read it (`check_written_h5.py`).
@Suite struct CLIConvertHDF5Tests {
    /// A folder `photos/` of class sub-folders made from the PNG fixtures: bright (2), dark (1).
    static func imageFolder(in cli: CLIRunner) throws -> String {
        for (label, files) in [("bright", ["bright.png", "dark.png"]), ("dark", ["dark.png"])] {
            let folder = cli.path("photos/\(label)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (k, name) in files.enumerated() {
                try FileManager.default.copyItem(atPath: cli.fixture(name), toPath: folder + "/\(k).png")
            }
        }
        return cli.path("photos")
    }

    /// Expects the data set written to `written` to load with the X and labels of `original`
    /// and the given input shape.
    static func expectSameData(_ written: String, _ original: String, inputShape: [Int]?) throws {
        let back = try Dataset<Double>.load(source: written)
        let source = try Dataset<Double>.load(source: original)
        #expect(back.X == source.X, "\(written)")
        #expect(back.classIndices == source.classIndices, "\(written)")
        #expect(back.inputShape == inputShape, "\(written)")
    }

    @Test func imageFolderBecomesTheCourseLayout() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let photos = try Self.imageFolder(in: cli)
        for name in ["photos.h5", "photos.hdf5"] {
            let convert = try cli.run("convert", photos, name)
            #expect(convert.status == 0, "\(convert.stderr)")
            #expect(convert.stdout == "wrote \(name): 3 examples, 12288 features, 2 classes\n")
            try Self.expectSameData(cli.path(name), photos, inputShape: [64, 64, 3])
            #expect(try Dataset<Double>.load(source: cli.path(name)).classNames == ["bright", "dark"])
        }
        let inspect = try cli.run("inspect", "photos.h5")
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdout.contains("list_classes  (2)  string (6 bytes, NULLPAD)  contiguous"), "\(inspect.stdout)")
        #expect(inspect.stdout.contains("train_set_x  (3, 64, 64, 3)  uint8  contiguous"), "\(inspect.stdout)")
        #expect(inspect.stdout.contains("train_set_y  (3)  int64 (little-endian)  contiguous"), "\(inspect.stdout)")
        let train = try cli.run("train", "--data", "photos.h5", "--layers", "12288,1", "--iterations", "3", "--no-plot", "--quiet")
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("12288 features (images 64×64×3), 2 classes (bright, dark)"), "\(train.stdout)")
    }

    @Test func everyKindOfDataSetConvertsWithItsValues() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let formats = CLIRunner.fixtures.deletingLastPathComponent().appendingPathComponent("formats").path
        let sources: [(String, [Int]?)] = [
            ("flower", nil),
            (cli.fixture("tiny_images.h5"), [4, 4, 3]),
            (formats + "/blobs.npz", nil),
            (formats + "/shapes-images-idx3-ubyte.gz", [8, 8, 1]),  // (m, 8, 8) uint8 reads as gray images
        ]
        for (k, (source, shape)) in sources.enumerated() {
            let convert = try cli.run("convert", source, "out\(k).h5")
            #expect(convert.status == 0, "\(source): \(convert.stderr)")
            try Self.expectSameData(cli.path("out\(k).h5"), source, inputShape: shape)
        }
        let refused = try cli.run("convert", "flower", "out.h6")
        #expect(refused.status == 3 && refused.stderr.contains("convert to a .npz, .csv, .npy or .h5 file"), "\(refused.stderr)")
        // A folder that takes no files: exit 4, one error line naming the file, nothing left behind.
        let unwritable = try cli.run("convert", "flower", "/proc/backprop-test.h5")
        #expect(unwritable.status == 4, "\(unwritable.stderr)")
        #expect(unwritable.stderr.hasPrefix("error: ") && unwritable.stderr.contains("/proc/backprop-test.h5"), "\(unwritable.stderr)")
    }

    @Test(.requiresH5py)
    func h5pyAndTheCourseLoaderReadTheConvertedFiles() throws {
        let executable = try #require(CLIRunner.executable, "the backprop executable was not built")
        let result = try PythonH5py.run([PythonH5py.checkScript, "--backprop", executable])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("backprop convert writes what the course's h5py code reads"), "\(result.output)")
        print(result.output)
    }
}
