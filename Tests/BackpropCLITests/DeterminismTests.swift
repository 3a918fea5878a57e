import Foundation
import Testing
import Backprop
import BackpropTestSupport

/// The same seed and data give bit-identical parameters on 1 and 2 threads, in float32 and
/// float64, run after run: `backprop train --threads 1` and `--threads 2`, each twice, save
/// byte-identical tensors.
struct DeterminismTests {
    /// Trains with `arguments` on 1 and 2 threads, twice each, and expects one set of tensors.
    func expectIdenticalOnEveryThreadCount(_ arguments: [String], dtype: String) throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        var saved: [(String, SafeTensorsFile)] = []
        for threads in [1, 2, 1, 2] {
            let name = "model-\(threads)-\(saved.count).safetensors"
            let result = try cli.run(withArguments: arguments + ["--dtype", dtype, "--threads", String(threads), "--save", name, "--no-plot", "--quiet"])
            try #require(result.status == 0, "\(result.stderr)")
            saved.append((name, try SafeTensorsFile.read(cli.path(name))))
        }
        let first = saved[0].1
        #expect(first.tensors.allSatisfy { $0.dtype == (dtype == "float64" ? .float64 : .float32) })
        for (name, file) in saved.dropFirst() {
            #expect(file.tensors == first.tensors, "\(name) differs from \(saved[0].0) (\(dtype))")
        }
    }

    @Test(arguments: ["float32", "float64"])
    func miniBatchAdamModel(dtype: String) throws {
        try expectIdenticalOnEveryThreadCount(
            ["train", "--data", "spirals", "--layers", "2,32,16,3", "--optimizer", "adam", "--epochs", "20", "--batch-size", "32",
             "--dropout", "0.9", "--l2", "0.01", "--seed", "11"], dtype: dtype)
    }

    /// The course's L-layer model, shaped as in the course (n_x, 20, 7, 5, 1; course-sqrt
    /// initialisation; gradient descent at 0.0075) on the small image fixture (12 images of
    /// 4×4×3).
    @Test(arguments: ["float32", "float64"])
    func courseShapedModel(dtype: String) throws {
        try expectIdenticalOnEveryThreadCount(
            ["train", "--data", CLIRunner.fixtures.appendingPathComponent("tiny_images.h5").path, "--layers", "48,20,7,5,1",
             "--init", "course-sqrt", "--seed", "1", "--learning-rate", "0.0075", "--iterations", "300"], dtype: dtype)
    }

    /// The course model itself (12288, 20, 7, 5, 1 on the 209 cat images), 30 iterations: the
    /// matrix products are large enough to be split across threads. With the first layer in
    /// Gram space (the automatic choice) and fused.
    @Test(.requiresCourseData, arguments: ["float32", "float64"], ["auto", "fused"])
    func courseModelOnTheCatData(dtype: String, firstLayer: String) throws {
        try expectIdenticalOnEveryThreadCount(
            ["train", "--data", CourseDataLocation.path("train_catvnoncat.h5"), "--layers", "12288,20,7,5,1", "--init", "course-sqrt", "--seed", "1",
             "--learning-rate", "0.0075", "--iterations", "30", "--first-layer", firstLayer], dtype: dtype)
    }
}
