#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Backprop
import FuzzCommandSupport

/// The memory budget every input runs under: small, so that anything sized from a header, a
/// label or a shape that is not checked against it shows up as an out-of-memory finding
/// (run.sh's `-rss_limit_mb` is 2048).
let fuzzBudget = MemoryBudget(bytes: 64 << 20)

/// libFuzzer entry point: `backprop train --data FILE --iterations 1` end to end, without the
/// command line. The input is a data file behind one selector byte (`CommandInput`): it is
/// written to a scratch file of that kind, loaded as `train` loads `--data`, checked, the
/// network built from it (default layers n, 20, 7, 5, outputs) and trained for one iteration,
/// in float32 with mini-batches when the selector asks, all under `fuzzBudget`. Every failure
/// must be a thrown `BackpropError`; a trap, an abort or an allocation past the budget is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTrainCommand(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let input = CommandInput(bytes), let path = input.writeData() else { return 0 }
    defer { input.removeFiles() }
    var configuration = TrainingConfiguration()
    configuration.data = path
    configuration.iterations = input.options & 1 == 0 ? 1 : nil
    configuration.epochs = input.options & 1 == 0 ? nil : 1
    configuration.batchSize = input.options & 1 == 0 ? nil : 4
    configuration.precision = input.options & 2 == 0 ? .float32 : .float64
    configuration.scaling = input.options & 4 == 0 ? nil : .standardize
    configuration.threads = 1
    let session = TrainingSession(configuration: configuration, modelPath: nil, plotPath: nil, logPath: nil)
    MemoryBudget.$current.withValue(fuzzBudget) {
        _ = try? session.run()
    }
    return 0
}
