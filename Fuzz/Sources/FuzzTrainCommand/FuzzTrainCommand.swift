import FuzzCommandSupport

/// libFuzzer entry point: `backprop train --data FILE` end to end (``CommandRuns/train(_:)``)
/// on a data file behind a selector byte (``CommandInput``), under a 64 MiB memory budget.
/// Every failure must be a thrown `BackpropError`; a trap, an abort or an allocation past the
/// budget is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTrainCommand(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    if let input = CommandInput(bytes) { _ = CommandRuns.train(input) }
    return 0
}
