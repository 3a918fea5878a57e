import Foundation
import Testing
import BackpropCompression

extension Reproducer {
    /// Reproducers of class 5 (an image far larger than the model needs), the damaged-image
    /// statuses of 7 (a changed signature byte in a PNG and a JPEG) and the truncated scan of 6.
    ///
    /// The inputs: `Fixtures/reproducers/images/large.png.zz` (made by
    /// `make_image_reproducers.py` beside it) and the end-to-end fixtures `bright.png` and
    /// BackpropFormatsTests' `jpeg/baseline_420.jpg`, damaged in `prepare`. `predict` needs a
    /// model with an image input: each `prepare` trains a 4×4×3 one on `tiny_images.h5`.
    static var imageReproducers: [Reproducer] {
        [
            // Before: a full decode, 470 MiB resident (release build, 3.0 s). After: 24 MiB resident
            // (1.1 s); about 25 s in a debug build alone, longer when the suite runs in parallel on 2
            // cores (100 s under AddressSanitizer), hence 300 s. The peak must stay within the 256 MiB budget.
            Reproducer(failureClass: 5, name: "predict on a 4096×4096 16-bit RGBA PNG for a 4×4 model", prepare: { folder in
                let packed = [UInt8](try Data(contentsOf: imageFixtures.appendingPathComponent("large.png.zz")))
                let image = try folder.write(try Zlib.decompress(packed), to: "large.png")
                return ["predict", "--model", try imageModel(in: folder), image]
            }, status: 0, message: "", timeout: 300, maximumResidentMiB: 256),
            // Before: "cannot read data from this kind of file", exit 3.
            Reproducer(failureClass: 7, name: "PNG with one signature byte changed", prepare: { folder in
                var bytes = [UInt8](try Data(contentsOf: CLIRunner.fixtures.appendingPathComponent("bright.png")))
                bytes[1] = 0x51  // "P" → "Q"
                return ["predict", "--model", try imageModel(in: folder), try folder.write(bytes, to: "cat.png")]
            }, status: 1, message: "expected the PNG signature"),
            Reproducer(failureClass: 7, name: "JPEG with one signature byte changed", prepare: { folder in
                var bytes = [UInt8](try Data(contentsOf: jpegFixture))
                bytes[1] = 0xd9
                return ["predict", "--model", try imageModel(in: folder), try folder.write(bytes, to: "cat.jpg")]
            }, status: 1, message: "expected the JPEG start-of-image marker"),
            // Before: the missing MCUs decoded as zeros, exit 0.
            Reproducer(failureClass: 6, name: "JPEG cut in the middle of its scan", prepare: { folder in
                let bytes = [UInt8](try Data(contentsOf: jpegFixture))
                let cut = Array(bytes.prefix(bytes.count * 2 / 3))
                return ["predict", "--model", try imageModel(in: folder), try folder.write(cut, to: "cut.jpg")]
            }, status: 1, message: "MCU"),
        ]
    }

    static let imageFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reproducers/images")

    static let jpegFixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../BackpropFormatsTests/Fixtures/jpeg/baseline_420.jpg").standardized

    /// Trains a 4×4×3 image model (one iteration on `tiny_images.h5`) into `folder`; its path.
    static func imageModel(in folder: URL) throws -> String {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let model = folder.appendingPathComponent("model.safetensors").path
        let train = try cli.run("train", "--data", cli.fixture("tiny_images.h5"), "--layers", "48,2,1", "--iterations", "1",
                                "--save", model, "--no-plot", "--quiet")
        try #require(train.status == 0, "training the reproducers' model failed: \(train.stderr)")
        return model
    }
}
