/// What a checkpoint remembers of its training data, so that `--resume` on other data is
/// refused instead of silently training a different model: the example, feature and class
/// counts and a CRC-32 (`CRC32`) of the first block of X and of all
/// the labels.
///
/// The block is every feature of the first c examples, c = max(1, min(m, 4096 / n_x)) (about
/// 4096 values, and whole examples: the first row of an image set is often all zero); the
/// values are hashed as the little-endian float64 bytes of the loaded, unscaled data. Saved in
/// a checkpoint's metadata as `checkpoint.data.examples`, `.features`, `.classes`, `.checksum`.
public struct DataFingerprint: Sendable, Equatable {
    /// m, the number of examples.
    public var examples: Int
    /// n_x, the features per example.
    public var features: Int
    /// The number of classes (`Dataset.classCount`).
    public var classes: Int
    /// The CRC-32 of the first block of X, then of the labels.
    public var checksum: UInt32

    /// About how many values of X the checksum covers.
    public static let blockSize = 4096

    /// The fingerprint of `data`.
    public init(_ data: Dataset<Double>) {
        examples = data.count
        features = data.featureCount
        classes = data.classCount
        var crc = CRC32()
        let columns = Swift.max(1, Swift.min(data.count, Self.blockSize / Swift.max(data.featureCount, 1)))
        data.X.withUnsafeBufferPointer { x in
            for row in 0..<data.featureCount {   // X is (n_x, m), row-major
                crc.update(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: x[row * data.count ..< row * data.count + columns])))
            }
        }
        data.labels?.withUnsafeBufferPointer { crc.update(UnsafeRawBufferPointer($0)) }
        checksum = crc.value
    }

    /// The fingerprint of streamed data, the same as of the same file loaded whole: the first
    /// block of examples is read (converted as the loader converts them), the labels are in
    /// memory.
    ///
    /// - Throws: ``BackpropError`` when the first examples cannot be read.
    public init(_ data: StreamedDataset) throws(BackpropError) {
        examples = data.count
        features = data.featureCount
        classes = data.classCount
        var crc = CRC32()
        let columns = Swift.max(1, Swift.min(data.count, Self.blockSize / Swift.max(data.featureCount, 1)))
        do throws(ExampleStreamError) {
            // X_b (n_x, c) row-major: each feature's first c values, as the loop above hashes X.
            try ExampleFileStream<Double>(data.stored).forEachBatch(
                blocks: BlockShuffle(blockSize: columns, bufferBlocks: 1), batchSize: columns, examples: 0..<columns
            ) { _, batch in
                batch.withUnsafeBufferPointer { crc.update(UnsafeRawBufferPointer($0)) }
                return false
            }
        } catch {
            throw BackpropError(TrainingError.input(error))
        }
        data.labels.withUnsafeBufferPointer { crc.update(UnsafeRawBufferPointer($0)) }
        checksum = crc.value
    }

    /// The metadata keys (without the checkpoint's `checkpoint.` prefix) and their text.
    public var metadata: [String: String] {
        ["data.examples": String(examples), "data.features": String(features), "data.classes": String(classes),
         "data.checksum": String(checksum, radix: 16)]
    }

    /// Reads ``metadata`` back.
    ///
    /// - Returns: nil when `metadata` holds no fingerprint (a checkpoint of an older version) or a
    ///   damaged one.
    public init?(metadata: [String: String]) {
        guard let examples = metadata["data.examples"].flatMap({ Int($0) }),
              let features = metadata["data.features"].flatMap({ Int($0) }),
              let classes = metadata["data.classes"].flatMap({ Int($0) }),
              let checksum = metadata["data.checksum"].flatMap({ UInt32($0, radix: 16) }) else { return nil }
        self.examples = examples
        self.features = features
        self.classes = classes
        self.checksum = checksum
    }

    /// How this data differs from the `saved` data, in words, or nil when they match:
    /// "400 examples, the checkpoint's data 300".
    public func difference(from saved: DataFingerprint) -> String? {
        if examples != saved.examples { return "\(examples) examples, the checkpoint's data \(saved.examples)" }
        if features != saved.features { return "\(features) features per example, the checkpoint's data \(saved.features)" }
        if classes != saved.classes { return "\(classes) classes, the checkpoint's data \(saved.classes)" }
        if checksum != saved.checksum {
            return "other values than the checkpoint's data (CRC-32 of the first examples and the labels: "
                + "\(String(checksum, radix: 16)), the checkpoint's \(String(saved.checksum, radix: 16)))"
        }
        return nil
    }
}
