#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Backprop
import FuzzCommandSupport

/// The memory budget every input runs under (see FuzzTrainCommand).
let fuzzBudget = MemoryBudget(bytes: 64 << 20)

/// libFuzzer entry point: `backprop evaluate --model M --data FILE` and `backprop predict
/// --model M FILE` end to end, without the command line. The input is a model file and a data
/// file (`CommandInput`: a selector byte, the model's length, the model, the data); both are
/// written to scratch files, the model is loaded as `--model` loads it, then evaluated on the
/// data and used to predict it (bad examples refused, then skipped), under `fuzzBudget`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInferenceCommand(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let input = CommandInput(bytes, withModel: true), let path = input.writeData(), let modelPath = input.writeModel() else { return 0 }
    defer { input.removeFiles() }
    MemoryBudget.$current.withValue(fuzzBudget) {
        guard let model = try? ModelFile.read(modelPath) else { return }
        if let labelled = try? Dataset<Double>.load(source: path) {
            _ = try? EvaluationReport(model: model, data: labelled, badExamples: input.options & 1 == 0 ? .refuse : .skip)
        }
        _ = try? ModelPrediction.predictions(model: model, inputs: [path], badExamples: input.options & 1 == 0 ? .refuse : .skip)
    }
    return 0
}
