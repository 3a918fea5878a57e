#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Backprop

/// Checkpoints are read from a path: inputs that look like one are written here first.
private let scratch: String = {
    let folder = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    return "\(folder)/backprop-fuzz-checkpoint-\(getpid()).safetensors"
}()

/// libFuzzer entry point: the input as a Backprop model file (safetensors + metadata), decoded
/// into a network as `backprop evaluate --model` does; inputs with checkpoint metadata are also
/// read as `--resume` reads them (training state for gradient descent and Adam, recorded costs).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let content = try? SafeTensorsFile(bytes: bytes) else { return 0 }
    _ = try? ModelFile.decode(content, file: "<fuzz>")
    guard content.metadata.keys.contains(where: { $0.hasPrefix("checkpoint.") }) else { return 0 }
    let descriptor = open(scratch, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0 else { fatalError("cannot create \(scratch)") }
    precondition(write(descriptor, data!, size) == size)
    close(descriptor)
    defer { unlink(scratch) }
    for name in ["gd", "adam"] {
        if let optimizer = Optimizer(name: name) {
            _ = try? Checkpoint.read(scratch, optimizer: optimizer, as: Float.self)
            _ = try? Checkpoint.read(scratch, optimizer: optimizer, as: Double.self)
        }
    }
    return 0
}
