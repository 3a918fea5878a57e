/// The text of `backprop inspect FILE`.
public enum FileInspection {
    /// A readable description of `path`:
    /// - a Backprop model or checkpoint (`.safetensors` with Backprop metadata): architecture
    ///   with each layer's shape and activation, parameter count, dtype, class names, input
    ///   shape, training settings and metrics, the PyTorch equivalent;
    /// - any other `.safetensors`: its tensors (dtype, shape) and metadata;
    /// - `.h5`/`.hdf5`: the HDF5 tree (groups, datasets with shape, type, layout, filters, attributes);
    /// - `.npy`: the array's dtype, shape, order and byte order;
    /// - other data files: examples, features, classes.
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - csv: how a CSV data file is read (label column, delimiter, header).
    /// - Throws: ``BackpropError`` for a missing or unreadable file.
    public static func describe(_ path: String, csv: CSVOptions = CSVOptions()) throws(BackpropError) -> String {
        switch fileExtension(path) {
        case "safetensors":
            let content: SafeTensorsFile
            do { content = try SafeTensorsFile.read(path) } catch { throw BackpropError(error) }
            if content.metadata["format"] == ModelFile.formatName {
                do { return describeModel(try ModelFile.decode(content, file: path), content: content, path: path) } catch { throw BackpropError(error) }
            }
            return describeTensors(content, path: path)
        case "h5", "hdf5", "he5":
            do { return try HDF5File(path: path).describeTree() } catch { throw BackpropError(error) }
        case "npy":
            let array: NpyArray
            do { array = try NumPyFile.read(path: path) } catch { throw BackpropError(error) }
            let shape = "(" + array.shape.map(String.init).joined(separator: ", ") + (array.shape.count == 1 ? ",)" : ")")
            let order = array.fortranOrder ? "Fortran order" : "C order"
            let endian = array.dtype.itemSize == 1 ? "" : array.isLittleEndian ? ", little-endian" : ", big-endian"
            return "\(path): NumPy array, \(array.dtype.name) of shape \(shape), \(order)\(endian), \(array.count) element\(array.count == 1 ? "" : "s")\n"
        default:
            let data = try Dataset<Double>.load(source: path, csv: csv)
            var lines = ["\(path): \(data.count) examples, \(data.featureCount) features"]
            if let labels = data.labels { lines.append("labels: (\(labels.rows), \(labels.columns)), \(data.classCount) classes") }
            if !data.classNames.isEmpty { lines.append("class names: " + data.classNames.joined(separator: ", ")) }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    static func describeModel(_ model: SavedModel, content: SafeTensorsFile, path: String) -> String {
        let architecture = model.architecture
        let info = model.info
        var lines = ["\(path): Backprop model, format version \(content.metadata["format_version"] ?? "?"), \(model.dtypeName)"]
        if content.metadata["checkpoint.iteration"] != nil {
            lines[0] += ", checkpoint after iteration \(content.metadata["checkpoint.iteration"]!) (optimizer \(content.metadata["checkpoint.optimizer"] ?? "?"))"
        }
        lines.append("layers:")
        lines.append("  input      \(architecture.inputSize) features" + (info.inputShape.map { " (image \($0.map(String.init).joined(separator: "×")))" } ?? ""))
        for (index, layer) in architecture.layers.enumerated() {
            let l = index + 1
            let shape = "W\(l) (\(layer.units), \(architecture.layerDims[index])), b\(l) (\(layer.units))"
            lines.append("  layer \(l)    \(layer.units) unit\(layer.units == 1 ? "" : "s"), \(layer.activation.name)".padding(36) + "  \(shape)  tensors \(ModelFile.weightName(layer: l)), \(ModelFile.biasName(layer: l))")
        }
        lines.append("loss: \(architecture.loss.name)")
        lines.append("parameters: \(architecture.parameterCount)")
        if !info.classNames.isEmpty { lines.append("classes: " + info.classNames.enumerated().map { "\($0) \($1)" }.joined(separator: ", ")) }
        if let scaler = info.scaler { lines.append("scaling: \(scaler.kind.rawValue), (x − offset) / scale per feature, fitted on the training data") }
        if !info.training.isEmpty {
            lines.append("training: " + info.training.keys.sorted().map { "\($0)=\(info.training[$0]!)" }.joined(separator: " "))
        }
        if !info.metrics.isEmpty {
            lines.append("metrics: " + info.metrics.keys.sorted().map { "\($0)=\(info.metrics[$0]!)" }.joined(separator: " "))
        }
        if let created = content.metadata["created_by"] { lines.append("written by: \(created)") }
        lines.append("PyTorch: \(ModelFile.pytorchExpression(architecture))")
        let extra = content.names.filter { $0.hasPrefix("optimizer.") || $0.hasPrefix("checkpoint.") }
        if !extra.isEmpty { lines.append("checkpoint tensors: \(extra.count) (\(extra.prefix(4).joined(separator: ", "))\(extra.count > 4 ? ", …" : ""))") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func describeTensors(_ content: SafeTensorsFile, path: String) -> String {
        var lines = ["\(path): safetensors, \(content.tensors.count) tensors (not a Backprop model: no \"format\": \"\(ModelFile.formatName)\" metadata)"]
        for tensor in content.tensors {
            lines.append("  \(tensor.name)  \(tensor.dtype.rawValue)  (\(tensor.shape.map(String.init).joined(separator: ", ")))")
        }
        for key in content.metadata.keys.sorted() { lines.append("  metadata \(key) = \(content.metadata[key]!.prefix(80))") }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// The string padded with spaces to at least `width` characters.
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
