#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// A fuzz input for a whole command, decoded from bytes and written to scratch files the way a
/// user gives them (`Seeds/make_command_seeds.py` writes the same layout):
///
///     byte 0          selector: bits 0-2 the data file's kind (``kinds``), bits 3-7 options for the harness
///     [withModel]     UInt32 little-endian model length L, then L bytes of model file (safetensors)
///     rest            the data file; for MNIST IDX: UInt32 little-endian images length, the
///                     images file, then the labels file (written beside it as `…labels-idx1-ubyte`)
public struct CommandInput {
    /// The data file kinds, by the extension (or name) the readers choose them from.
    public static let kinds = ["h5", "npz", "csv", "tsv", "idx", "idx.gz", "png", "jpg"]

    /// Index into ``kinds``.
    public var kind: Int
    /// The selector's high bits, for the harness's choices (optimiser, precision, policy).
    public var options: Int
    /// The model file's bytes (empty unless asked for).
    public var model: [UInt8]
    /// The data file's bytes (for IDX: the images file).
    public var data: [UInt8]
    /// The labels file (IDX only).
    public var labels: [UInt8]

    /// Decodes `bytes`; nil when they are too short for the layout.
    public init?(_ bytes: [UInt8], withModel: Bool = false) {
        guard let selector = bytes.first else { return nil }
        kind = Int(selector & 7)
        options = Int(selector >> 3)
        var rest = bytes.dropFirst()
        model = []
        if withModel {
            guard let length = Self.length(&rest) else { return nil }
            model = Array(rest.prefix(length))
            rest = rest.dropFirst(length)
        }
        labels = []
        if Self.kinds[kind].hasPrefix("idx") {
            guard let length = Self.length(&rest) else { return nil }
            data = Array(rest.prefix(length))
            labels = Array(rest.dropFirst(length))
        } else {
            data = Array(rest)
        }
    }

    /// Reads a UInt32 little-endian length from the front of `bytes`, clamped to what follows.
    private static func length(_ bytes: inout ArraySlice<UInt8>) -> Int? {
        guard bytes.count >= 4 else { return nil }
        let value = bytes.prefix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        bytes = bytes.dropFirst(4)
        return min(value, bytes.count)
    }

    /// The scratch folder: /dev/shm when writable (no disk traffic), else /tmp.
    static let folder = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    /// A name unique to this process.
    static let stem = "\(folder)/backprop-fuzz-\(getpid())"

    /// The data file's path for this kind.
    public var dataPath: String {
        let kindName = Self.kinds[kind]
        switch kindName {
        case "idx": return "\(Self.stem)-images-idx3-ubyte"
        case "idx.gz": return "\(Self.stem)-images-idx3-ubyte.gz"
        default: return "\(Self.stem).\(kindName)"
        }
    }

    /// The labels file beside an IDX images file (nil for other kinds).
    public var labelsPath: String? {
        switch Self.kinds[kind] {
        case "idx": return "\(Self.stem)-labels-idx1-ubyte"
        case "idx.gz": return "\(Self.stem)-labels-idx1-ubyte.gz"
        default: return nil
        }
    }

    /// The model file's path.
    public var modelPath: String { "\(Self.stem)-model.safetensors" }

    /// Writes the data (and labels) files; their path, or nil when the file system refused.
    public func writeData() -> String? {
        guard Self.store(data, at: dataPath) else { return nil }
        if let labelsPath, !Self.store(labels, at: labelsPath) { return nil }
        return dataPath
    }

    /// Writes the model file; its path, or nil when the file system refused.
    public func writeModel() -> String? {
        Self.store(model, at: modelPath) ? modelPath : nil
    }

    /// Removes every scratch file this input wrote.
    public func removeFiles() {
        for path in [dataPath, labelsPath, modelPath].compactMap({ $0 }) { unlink(path) }
    }

    private static func store(_ bytes: [UInt8], at path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
        return written == bytes.count
    }
}
