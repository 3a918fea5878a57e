import Foundation
import Testing
import Backprop

/// The Swift block of DataFormats.md ("Data larger than memory"), line for line
/// (``DocumentationSnippetTests`` checks that it appears here), run on a small .npy pair, and
/// compared with the same training in memory: the same parameters, bit for bit.
@Suite struct DataFormatsArticleTests {
    @Test func theStreamingExampleTrainsAsInMemory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("DataFormatsArticleTests-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let featuresPath = folder.appendingPathComponent("x.npy").path, labelsPath = folder.appendingPathComponent("y.npy").path
        var generator = SeededGenerator(seed: 4)
        let classes = (0..<200).map { _ in Int64.random(in: 0..<3, using: &generator) }
        let values = (0..<200 * 5).map { i in Float(classes[i / 5]) * Float(i % 2) + Float.random(in: -1...1, using: &generator) }
        try NumPyFile.write(NpyArray(shape: [200, 5], values: values), to: featuresPath)
        try NumPyFile.write(classes, shape: [200], to: labelsPath)

        let stream = try ExampleFileStream<Float>(npy: featuresPath)
        let labels = try NumPyFile.read(path: labelsPath).matrix(as: Float.self)
        var options = TrainingOptions(learningRate: 0.01, epochs: 2, batchSize: 32, optimizer: .adam())
        options.blockShuffle = BlockShuffle(blockSize: 64, bufferBlocks: 4)
        var network = try Network<Float>(inputSize: stream.featureCount, layers: [LayerSpec(units: 16, activation: .relu), LayerSpec(units: 3, activation: .softmax)],
                                         loss: .categoricalCrossEntropy)
        let result = try network.train(stream: stream, labels: labels, options: options)

        var inMemory = try Network<Float>(inputSize: 5, layers: [LayerSpec(units: 16, activation: .relu), LayerSpec(units: 3, activation: .softmax)],
                                          loss: .categoricalCrossEntropy)
        let X = try NumPyFile.read(path: featuresPath).matrix(as: Float.self).transposed
        let expected = try inMemory.train(X: X, labels: labels, options: options)
        #expect(result.state.iteration == 14 && result.costs.map(\.cost) == expected.costs.map(\.cost))
        #expect(network.parameters == inMemory.parameters)
    }
}
