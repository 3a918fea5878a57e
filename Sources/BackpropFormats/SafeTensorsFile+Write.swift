extension SafeTensorsFile {
    /// The file's bytes: the header length, the JSON header (tensors in ``tensors`` order with
    /// contiguous offsets, `__metadata__` first with keys sorted, padded with spaces so the data
    /// buffer starts on an 8-byte boundary, as the Python writer does) and the data.
    public func encoded() -> [UInt8] {
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { SafeTensorsJSON.quote($0) + ":" + SafeTensorsJSON.quote(metadata[$0]!) }
            entries.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for tensor in tensors {
            let end = offset + tensor.data.count
            entries.append(
                SafeTensorsJSON.quote(tensor.name) + ":{\"dtype\":\"\(tensor.dtype.rawValue)\",\"shape\":["
                    + tensor.shape.map(String.init).joined(separator: ",") + "],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        while (8 + header.count) % 8 != 0 { header.append(0x20) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header)
        for tensor in tensors { bytes.append(contentsOf: tensor.data) }
        return bytes
    }

    /// Writes the file to `path` atomically: the bytes go to a temporary file in the same folder,
    /// are flushed to disk (`fsync`), and the temporary file is renamed over `path`, so a reader
    /// (or a crash) sees either the previous file or the complete new one, never a half-written one.
    ///
    /// - Throws: ``FormatError`` (`.unwritable`, naming `path`) when the folder is missing or not
    ///   writable or a write fails; the temporary file is removed and the previous file kept.
    public func write(to path: String) throws(FormatError) {
        try FileAccess.write(encoded(), to: path)
    }
}
