#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Saves and loads models as safetensors files that PyTorch and NumPy open directly.
///
/// **Tensors.** Layer l (1…L) is stored as PyTorch's `nn.Sequential` stores its l-th `nn.Linear`
/// when every linear layer is followed by its activation module: the linear layers sit at indices
/// 0, 2, 4, …, so
///
///     "\(2(l−1)).weight"   W(l), shape (n_l, n_{l−1})  — (out_features, in_features)
///     "\(2(l−1)).bias"     b(l), shape (n_l)
///
/// in `F32` or `F64`. A model file holds no other tensor, so in Python
///
///     model = torch.nn.Sequential(torch.nn.Linear(12288, 20), torch.nn.ReLU(), …, torch.nn.Sigmoid())
///     model.load_state_dict(safetensors.torch.load_file("model.safetensors"))
///
/// works (the exact `Sequential` expression is saved under the `pytorch` metadata key;
/// `.double()` the module for an `F64` file). Checkpoints add tensors under `optimizer.` and
/// `checkpoint.` (load those with `strict=False`).
///
/// **Metadata** (`__metadata__`, every value a string; structured values are JSON):
///
/// | key | value |
/// |---|---|
/// | `format` | `backprop.model` |
/// | `format_version` | `1` |
/// | `layer_sizes` | `[12288,20,7,5,1]` |
/// | `activations` | `["relu","relu","relu","sigmoid"]` |
/// | `loss` | `binary-cross-entropy` |
/// | `dtype` | `float32` or `float64` |
/// | `class_names` | `["non-cat","cat"]` |
/// | `input_shape` | `[64,64,3]` (image models only) |
/// | `scaler.kind` | `standardize` or `min-max` (only for a scaled model; see `FeatureScaler`) |
/// | `scaler.offsets` | n_0 comma-separated numbers subtracted from the features (mean or min) |
/// | `scaler.scales` | n_0 comma-separated numbers the features are then divided by (deviation or range) |
/// | `training` | `{"learning_rate":"0.0075",…}` |
/// | `metrics` | `{"train_accuracy":"0.98…",…}` |
/// | `pytorch` | the `torch.nn.Sequential(…)` expression |
/// | `created_by` | `backprop 0.1.0` |
///
/// Files are written atomically (temporary file, fsync, rename): an interrupted save leaves the
/// previous file intact.
public enum ModelFile {
    /// The value of the `format` metadata key.
    public static let formatName = "backprop.model"
    /// The newest `format_version` this build writes and reads.
    public static let formatVersion = 1

    /// The tensor name of W(l) (l from 1): `"0.weight"` for layer 1, `"2.weight"` for layer 2.
    public static func weightName(layer l: Int) -> String { "\(2 * (l - 1)).weight" }
    /// The tensor name of b(l) (l from 1): `"0.bias"`, `"2.bias"`, ….
    public static func biasName(layer l: Int) -> String { "\(2 * (l - 1)).bias" }

    /// The PyTorch module equivalent to an architecture, for example
    /// `torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1), torch.nn.Sigmoid())`.
    /// Identity layers become `torch.nn.Identity()` so the linear layers stay at even indices.
    public static func pytorchExpression(_ architecture: NetworkArchitecture) -> String {
        var modules: [String] = []
        for (l, layer) in architecture.layers.enumerated() {
            modules.append("torch.nn.Linear(\(architecture.layerDims[l]), \(layer.units))")
            switch layer.activation {
            case .sigmoid: modules.append("torch.nn.Sigmoid()")
            case .relu: modules.append("torch.nn.ReLU()")
            case .tanh: modules.append("torch.nn.Tanh()")
            case .leakyRelu(let slope): modules.append("torch.nn.LeakyReLU(\(slope))")
            case .softmax: modules.append("torch.nn.Softmax(dim=1)")
            case .identity: modules.append("torch.nn.Identity()")
            }
        }
        return "torch.nn.Sequential(" + modules.joined(separator: ", ") + ")"
    }

    /// The safetensors content of a model: its weights and biases named as above and its metadata.
    public static func encode<T: MatrixScalar>(_ model: TrainedModel<T>) -> SafeTensorsFile {
        let network = model.network
        var tensors: [SafeTensor] = []
        for l in 1...network.layerCount {
            tensors.append(SafeTensor(name: weightName(layer: l), matrix: network.parameters[layer: l].W))
            tensors.append(SafeTensor(name: biasName(layer: l), matrix: network.parameters[layer: l].b, asVector: true))
        }
        return SafeTensorsFile(tensors: tensors, metadata: metadata(model))
    }

    /// Writes a model to `path` atomically.
    ///
    /// - Throws: `FormatError` (`.unwritable`) naming `path` when it cannot be written.
    public static func write<T: MatrixScalar>(_ model: TrainedModel<T>, to path: String) throws(FormatError) {
        try encode(model).write(to: path)
    }

    /// Reads and checks the model file at `path`.
    ///
    /// - Throws: `FormatError` naming `path`: `.wrongKind` for a folder or another kind of
    ///   file (`train_catvnoncat.h5: this is an HDF5 file, not a model`), every safetensors
    ///   check of `SafeTensorsFile/read(_:expecting:)`, then `.invalid`/`.unsupported` for
    ///   missing or malformed metadata (unknown activation or loss, a newer `format_version`),
    ///   `.mismatch` for a missing tensor, a tensor of the wrong shape, or mixed dtypes.
    public static func read(_ path: String) throws(FormatError) -> SavedModel {
        try decode(try SafeTensorsFile.read(path, expecting: "a model"), file: path)
    }

    /// The model in a parsed safetensors file; `file` names it in errors. Tensors whose names
    /// start with `optimizer.` or `checkpoint.` are allowed and ignored; any other extra tensor
    /// is an error.
    ///
    /// - Throws: `FormatError` as ``read(_:)``.
    public static func decode(_ content: SafeTensorsFile, file: String) throws(FormatError) -> SavedModel {
        let meta = content.metadata
        func bad(_ reason: FormatError.Reason, _ expected: String, _ found: String) -> FormatError {
            FormatError(reason, file: file, expected: expected, found: found)
        }
        func bad(_ expected: String, _ found: String) -> FormatError { bad(.invalid, expected, found) }
        guard let format = meta["format"] else {
            throw bad("a Backprop model (metadata \"format\": \"\(formatName)\"; a plain safetensors file has no architecture)",
                      "no \"format\" key in __metadata__ (keys: \(meta.keys.sorted().joined(separator: ", ")))")
        }
        guard format == formatName else { throw bad("format \"\(formatName)\"", "\"\(format)\"") }
        guard let versionText = meta["format_version"], let version = Int(versionText), version >= 1 else {
            throw bad("a format_version of 1 or more", meta["format_version"].map { "\"\($0)\"" } ?? "none")
        }
        guard version <= formatVersion else {
            throw bad(.unsupported, "format_version \(formatVersion) or older (upgrade backprop)", "\(version)")
        }
        let sizes: [Int] = try json(meta, "layer_sizes", file: file)
        let activationNames: [String] = try json(meta, "activations", file: file)
        guard sizes.count >= 2, activationNames.count == sizes.count - 1 else {
            throw bad("layer_sizes with n_0…n_L and one activation per layer", "\(sizes.count) sizes, \(activationNames.count) activations")
        }
        var layers: [LayerSpec] = []
        for (index, name) in activationNames.enumerated() {
            guard let activation = Activation(name: name) else {
                throw bad(.unsupported, "an activation (\(Activation.names.joined(separator: ", ")))", "\"\(name)\" for layer \(index + 1)")
            }
            layers.append(LayerSpec(units: sizes[index + 1], activation: activation))
        }
        guard let lossName = meta["loss"], let loss = Loss(name: lossName) else {
            throw bad(.unsupported, "a loss (\(Loss.names.joined(separator: ", ")))", meta["loss"].map { "\"\($0)\"" } ?? "none")
        }
        let architecture = NetworkArchitecture(inputSize: sizes[0], layers: layers, loss: loss)
        do { try architecture.validate() } catch { throw bad("a valid architecture", error.description) }

        var info = ModelInfo()
        if meta["class_names"] != nil { info.classNames = try json(meta, "class_names", file: file) }
        if meta["input_shape"] != nil {
            let shape: [Int] = try json(meta, "input_shape", file: file)
            // The product is formed with overflow checks: the shape comes from the file.
            let product = shape.reduce(Optional(1)) { total, n in
                total.flatMap { let (p, overflow) = $0.multipliedReportingOverflow(by: n); return overflow ? nil : p }
            }
            guard !shape.isEmpty, shape.allSatisfy({ $0 > 0 }), product == sizes[0] else {
                throw bad("an input_shape whose product is the input size \(sizes[0])", "\(shape)")
            }
            info.inputShape = shape
        }
        do {
            info.scaler = try FeatureScaler(metadata: meta)
        } catch {
            throw FormatError(error.reason, file: file, expected: error.expected, found: error.found)
        }
        if let scaler = info.scaler, scaler.offsets.count != sizes[0] {
            throw bad(.mismatch, "scaler.offsets and scaler.scales with one value per input feature (\(sizes[0]))", "\(scaler.offsets.count) values")
        }
        if meta["training"] != nil { info.training = try json(meta, "training", file: file) }
        if meta["metrics"] != nil { info.metrics = try json(meta, "metrics", file: file) }

        let expectedNames = Set((1..<sizes.count).flatMap { [weightName(layer: $0), biasName(layer: $0)] })
        for name in content.names where !expectedNames.contains(name) && !name.hasPrefix("optimizer.") && !name.hasPrefix("checkpoint.") {
            throw bad(.mismatch, "only the tensors of \(sizes.count - 1) layers (\(expectedNames.sorted().joined(separator: ", ")))", "an extra tensor \"\(name)\"")
        }
        guard let dtype = content[weightName(layer: 1)]?.dtype else {
            throw bad(.mismatch, "a tensor \"\(weightName(layer: 1))\"", "none")
        }
        switch dtype {
        case .float32: return .float32(try model(content, architecture, info, file: file, as: Float.self))
        case .float64: return .float64(try model(content, architecture, info, file: file, as: Double.self))
        default: throw bad(.unsupported, "F32 or F64 parameters", dtype.rawValue)
        }
    }

    private static func model<T: MatrixScalar>(
        _ content: SafeTensorsFile, _ architecture: NetworkArchitecture, _ info: ModelInfo, file: String, as: T.Type
    ) throws(FormatError) -> TrainedModel<T> {
        let dims = architecture.layerDims
        let dtype: SafeTensorsDType = T.self == Double.self ? .float64 : .float32
        var layers: [DenseParameters<T>] = []
        for l in 1..<dims.count {
            func tensor(_ name: String, _ shape: [Int]) throws(FormatError) -> SafeTensor {
                guard let tensor = content[name] else {
                    throw FormatError(.mismatch, file: file, expected: "a tensor \"\(name)\" of shape \(shape)", found: "none")
                }
                guard tensor.shape == shape, tensor.dtype == dtype else {
                    throw FormatError(.mismatch, file: file, expected: "\"\(name)\" of shape \(shape) and dtype \(dtype.rawValue)",
                                      found: "shape \(tensor.shape), dtype \(tensor.dtype.rawValue)")
                }
                return tensor
            }
            let W: Matrix<T> = try tensor(weightName(layer: l), [dims[l], dims[l - 1]]).matrix()
            let b: Matrix<T> = try tensor(biasName(layer: l), [dims[l]]).matrix()
            for value in W.elements + b.elements where !value.isFinite {
                throw FormatError(.invalid, file: file, expected: "finite parameters in layer \(l)", found: "\(value)")
            }
            layers.append(DenseParameters(W: W, b: b))
        }
        do {
            return TrainedModel(network: try Network(architecture: architecture, parameters: Parameters(layers: layers)), info: info)
        } catch {
            throw FormatError(.mismatch, file: file, expected: "parameters that fit the architecture", found: error.description)
        }
    }

    /// The `__metadata__` map of a model (see the table on the type).
    static func metadata<T: MatrixScalar>(_ model: TrainedModel<T>) -> [String: String] {
        let architecture = model.network.architecture
        var meta: [String: String] = [
            "format": formatName,
            "format_version": String(formatVersion),
            "layer_sizes": jsonText(architecture.layerDims),
            "activations": jsonText(architecture.activations.map(\.name)),
            "loss": architecture.loss.name,
            "dtype": T.self == Double.self ? "float64" : "float32",
            "class_names": jsonText(model.info.classNames),
            "training": jsonText(model.info.training),
            "metrics": jsonText(model.info.metrics),
            "pytorch": pytorchExpression(architecture),
            "created_by": "backprop \(BackpropVersion.current)",
        ]
        if let shape = model.info.inputShape { meta["input_shape"] = jsonText(shape) }
        if let scaler = model.info.scaler { meta.merge(scaler.metadata) { _, new in new } }
        return meta
    }

    /// Compact JSON text of an encodable value, keys sorted.
    static func jsonText<V: Encodable>(_ value: V) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The JSON value under `key`, decoded as V.
    static func json<V: Decodable>(_ meta: [String: String], _ key: String, file: String) throws(FormatError) -> V {
        guard let text = meta[key] else {
            throw FormatError(.invalid, file: file, expected: "a \"\(key)\" entry in __metadata__", found: "none")
        }
        do {
            return try JSONDecoder().decode(V.self, from: Data(text.utf8))
        } catch {
            throw FormatError(.invalid, file: file, expected: "\"\(key)\" as JSON \(V.self)", found: "\"\(text.prefix(60))\"")
        }
    }
}
