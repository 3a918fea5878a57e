import Backprop

/// libFuzzer entry point: the input as CSV text, with the default options (header detected,
/// label last) and with no header and no label column.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? CSVFile.read(bytes: bytes)
    var options = CSVOptions()
    options.header = .absent
    options.label = .none
    _ = try? CSVFile.read(bytes: bytes, options: options)
    return 0
}
