import FuzzCommandSupport

/// libFuzzer entry point: `backprop evaluate` and `backprop predict` end to end
/// (``CommandRuns/inference(_:)``) on a model file and a data file (``CommandInput``), under a
/// 64 MiB memory budget. Every failure must be a thrown `BackpropError`; a trap, an abort or
/// an allocation past the budget is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInferenceCommand(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    if let input = CommandInput(bytes, withModel: true) { _ = CommandRuns.inference(input) }
    return 0
}
