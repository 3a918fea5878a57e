import Backprop
import Foundation

extension PlaygroundSession {
    /// The `data` message of the current model.
    func dataMessage() -> String {
        func points(_ data: (points: Matrix<Double>, labels: Matrix<Double>)) -> [[Double]] {
            (0..<data.points.columns).map { [data.points[0, $0], data.points[1, $0], data.labels[0, $0]] }
        }
        return ServerMessage.json(ServerMessage.DataSet(
            settings: model.settings, classification: model.settings.dataSet.isClassification,
            layerSizes: model.network.architecture.layerDims, train: points(model.train), test: points(model.test),
            commandLine: model.commandLine(), swiftCode: model.swiftCode()))
    }

    /// The `frame` message: costs, rate, heat maps and parameters.
    func frameMessage() -> String {
        let costs = model.costs()
        let parameters = model.network.parameters.layers
        return ServerMessage.json(ServerMessage.Frame(
            playing: playing, step: model.step, epoch: model.epoch, trainCost: costs.train, testCost: costs.test,
            stepsPerSecond: measuredRate,
            outputSize: Self.outputSize, output: Data(model.outputHeatMap(size: Self.outputSize).bytes).base64EncodedString(),
            neuronSize: Self.neuronSize,
            neurons: model.neuronHeatMaps(size: Self.neuronSize).map { $0.map { Data($0.bytes).base64EncodedString() } },
            weights: parameters.map { model.rows($0.W) }, biases: parameters.map { Array($0.b.elements) },
            commandLine: model.commandLine()))
    }

    /// The `gradientCheck` reply.
    func gradientCheckMessage(_ result: GradientCheckResult) -> String {
        let d = result.relativeDifference
        let verdict = d < 1e-5 ? "backpropagation agrees with finite differences" : d < 1e-3 ? "close: an example near a relu kink?" : "backpropagation and finite differences disagree"
        return ServerMessage.json(ServerMessage.GradientCheckReply(
            relativeDifference: d, perParameter: result.perParameter, worstParameter: result.worstParameter,
            examples: min(PlaygroundModel.gradientCheckExamples, model.trainX.columns + model.testX.columns), verdict: verdict))
    }
}
