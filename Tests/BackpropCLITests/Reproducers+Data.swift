import Backprop
import Foundation

extension Reproducer {
    /// Reproducers of classes 1, 2, 3 and the damaged-file statuses of 7 (HDF5, npz, npy, CSV, IDX).
    ///
    /// The HDF5 files are made by `Fixtures/reproducers/data/make_data_reproducers.py` (h5py);
    /// the compressed ones are crafted here: a deflate stream of zeros is 13 bits per 258 bytes,
    /// so a 300 MB member fits in 2 MB written in a blink.
    static var dataReproducers: [Reproducer] {
        allocationReproducers + labelReproducers + decompressionReproducers + damagedDataReproducers
    }

    /// Class 1: buffers sized from a header before any check.
    static var allocationReproducers: [Reproducer] {
        let huge = DataFixtures.path("never_written_huge.h5")
        return [
            Reproducer(failureClass: 1, name: "train: never-written (2^26, 64, 64, 3) HDF5 dataset",
                       prepare: { _ in ["train", "--data", huge, "--epochs", "1"] }, status: 1, message: "never written"),
            Reproducer(failureClass: 1, name: "convert: never-written (2^26, 64, 64, 3) HDF5 dataset",
                       prepare: { folder in ["convert", huge, folder.appendingPathComponent("out.npz").path] }, status: 1, message: "never written"),
            Reproducer(failureClass: 1, name: "evaluate: never-written (2^26, 64, 64, 3) HDF5 dataset",
                       prepare: { folder in ["evaluate", "--model", try DataFixtures.model(inputs: 12288, in: folder), "--data", huge] },
                       status: 1, message: "never written"),
            Reproducer(failureClass: 1, name: "train: never-written 302 MB chunked HDF5 dataset",
                       prepare: { _ in ["train", "--data", DataFixtures.path("never_written_chunked.h5"), "--epochs", "1"] },
                       status: 1, message: "never written"),
            Reproducer(failureClass: 1, name: "convert: 512 MiB chunked dataset with one chunk written, over a 256 MiB budget",
                       prepare: { folder in ["convert", DataFixtures.path("partly_written.h5"), folder.appendingPathComponent("out.npz").path] },
                       status: 1, message: "memory budget"),
            Reproducer(failureClass: 1, name: "train: overwritten dataspace dimension (77 → 2^26)",
                       prepare: { _ in ["train", "--data", DataFixtures.path("overwritten_dimension.h5"), "--epochs", "1"] },
                       status: 1, message: "memory budget"),
        ]
    }

    /// Class 2: label values becoming class counts.
    static var labelReproducers: [Reproducer] {
        [
            Reproducer(failureClass: 2, name: "HDF5 int64 label 2^31",
                       prepare: { _ in ["train", "--data", DataFixtures.path("label_2_31.h5"), "--epochs", "1"] },
                       status: 1, message: "label 2147483648 at example 2"),
            Reproducer(failureClass: 2, name: "HDF5 float64 label 2^62",
                       prepare: { _ in ["train", "--data", DataFixtures.path("label_2_62.h5"), "--epochs", "1"] },
                       status: 1, message: "label 4611686018427387904 at example 2"),
            Reproducer(failureClass: 2, name: "CSV labels {0, 1000000}",
                       prepare: { folder in ["train", "--data", try folder.write("a,b,label\n1,2,0\n3,4,1000000\n5,6,0\n", to: "big.csv"), "--epochs", "1"] },
                       status: 1, message: "label 1000000 at example 1"),
            Reproducer(failureClass: 2, name: "CSV label -1",
                       prepare: { folder in ["train", "--data", try folder.write("a,b,label\n1,2,0\n3,4,-1\n", to: "negative.csv"), "--epochs", "1"] },
                       status: 1, message: "label -1 at example 1"),
            Reproducer(failureClass: 2, name: "CSV training labels {0, 2}: class 1 missing",
                       prepare: { folder in ["train", "--data", try folder.write("a,b,label\n1,2,0\n3,4,2\n5,6,0\n7,8,2\n", to: "gap.csv"), "--epochs", "1"] },
                       status: 1, message: "no example of class 1"),
            Reproducer(failureClass: 2, name: "CSV held-out labels {0, 2} beside training labels {0, 1, 2}: accepted",
                       prepare: { folder in
                           let train = try folder.write("a,b,label\n1,2,0\n3,4,1\n5,6,2\n1,3,0\n3,5,1\n5,7,2\n", to: "train.csv")
                           let test = try folder.write("a,b,label\n1,2,0\n5,6,2\n", to: "test.csv")
                           return ["train", "--data", train, "--test", test, "--layers", "2,4,3", "--iterations", "5", "--no-plot",
                                   "--save", folder.appendingPathComponent("m.safetensors").path]
                       }, status: 0, message: ""),
        ]
    }

    /// Class 3: decompression without its limit.
    static var decompressionReproducers: [Reproducer] {
        [
            Reproducer(failureClass: 3, name: "npz member declaring 300 MB (a 2 MB bomb) under a 256 MiB budget",
                       prepare: { folder in ["train", "--data", try folder.write(DataFixtures.npzBomb(size: 300 << 20), to: "bomb.npz"), "--epochs", "1"] },
                       status: 1, message: "memory budget"),
            Reproducer(failureClass: 3, name: "gzip IDX of 40 MB whose Double matrix needs 320 MB",
                       prepare: { folder in
                           let images = try DataFixtures.writeMNIST(count: 51_200, in: folder)
                           return ["convert", images, folder.appendingPathComponent("out.npz").path]
                       }, status: 1, message: "memory budget"),
        ]
    }

    /// Class 7, data files: damage reported as damage (exit 1), not as an unsupported feature.
    static var damagedDataReproducers: [Reproducer] {
        [
            Reproducer(failureClass: 7, name: "npy with version byte 9",
                       prepare: { folder in
                           var bytes = NumPyFile.encode(NpyArray(shape: [2], values: [Int64(1), 2]))
                           bytes[6] = 9
                           return ["inspect", try folder.write(bytes, to: "v9.npy")]
                       }, status: 1, message: "format version"),
            Reproducer(failureClass: 7, name: "HDF5 object header with a damaged version byte",
                       prepare: { _ in ["train", "--data", DataFixtures.path("damaged_header.h5"), "--epochs", "1"] },
                       status: 1, message: "no object header here"),
        ]
    }
}

/// The files of the data reproducers.
enum DataFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/reproducers/data")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A one-layer sigmoid model of `inputs` features, saved in `folder`.
    static func model(inputs: Int, in folder: URL) throws -> String {
        let network = try Network<Double>(inputSize: inputs, layers: [LayerSpec(units: 1, activation: .sigmoid)], loss: .binaryCrossEntropy)
        let path = folder.appendingPathComponent("model.safetensors").path
        try ModelFile.write(TrainedModel(network: network), to: path)
        return path
    }

    /// A raw DEFLATE stream of `prefix` stored, then `zeros` zero bytes as 258-byte copies.
    static func deflate(prefix: [UInt8], zeros: Int) -> [UInt8] {
        var bits = BitStream()
        bits.put(0, count: 1); bits.put(0, count: 2); bits.alignToByte()  // stored block, not final
        bits.bytes += [UInt8(prefix.count & 0xff), UInt8(prefix.count >> 8), ~UInt8(prefix.count & 0xff), ~UInt8(prefix.count >> 8)] + prefix
        bits.alignToByte()
        bits.put(1, count: 1); bits.put(1, count: 2)  // final fixed-Huffman block
        bits.code(0x30, length: 8)  // literal 0
        var remaining = zeros - 1
        while remaining >= 258 {
            bits.code(0xc5, length: 8); bits.code(0, length: 5)  // length 258, distance 1
            remaining -= 258
        }
        for _ in 0..<remaining { bits.code(0x30, length: 8) }
        bits.code(0, length: 7)  // end of block
        bits.alignToByte()
        return bits.bytes
    }

    /// An `.npz` whose member `x.npy` declares `size` bytes of uint8 zeros (the CRC is left 0:
    /// the refusal comes before it is checked).
    static func npzBomb(size: Int) -> [UInt8] {
        let header = Array("{'descr': '|u1', 'fortran_order': False, 'shape': (\(size - 128),), }".utf8)
        var npy = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(118), 0] + header
        npy += [UInt8](repeating: 0x20, count: 127 - npy.count) + [0x0a]
        let data = deflate(prefix: npy, zeros: size - 128)
        let name = Array("x.npy".utf8)
        func le(_ value: Int, _ count: Int) -> [UInt8] { (0..<count).map { UInt8((value >> (8 * $0)) & 0xff) } }
        let sizes = le(0, 4) + le(data.count, 4) + le(size, 4)
        let local = [0x50, 0x4b, 0x03, 0x04] + le(20, 2) + le(0, 2) + le(8, 2) + le(0, 4) + sizes + le(name.count, 2) + le(0, 2) + name
        let central = [0x50, 0x4b, 0x01, 0x02] + le(20, 2) + le(20, 2) + le(0, 2) + le(8, 2) + le(0, 4) + sizes
            + le(name.count, 2) + le(0, 6) + le(0, 2) + le(0, 4) + le(0, 4) + name
        let end = [0x50, 0x4b, 0x05, 0x06] + le(0, 4) + le(1, 2) + le(1, 2) + le(central.count, 4) + le(local.count + data.count, 4) + le(0, 2)
        return local + data + central + end
    }

    /// MNIST files of `count` blank 28 × 28 images: gzip-compressed images, plain labels 0…9.
    static func writeMNIST(count: Int, in folder: URL) throws -> String {
        func be(_ value: Int) -> [UInt8] { (0..<4).reversed().map { UInt8((value >> (8 * $0)) & 0xff) } }
        let header: [UInt8] = [0, 0, 8, 3] + be(count) + be(28) + be(28)
        let zeros = count * 784
        var crc = CRC32()
        header.withUnsafeBytes { crc.update($0) }
        let block = [UInt8](repeating: 0, count: 1 << 20)
        var left = zeros
        while left > 0 {
            let n = min(left, block.count)
            block.withUnsafeBytes { crc.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            left -= n
        }
        let total = header.count + zeros
        func le(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xff) } }
        let gzip: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3] + deflate(prefix: header, zeros: zeros) + le(Int(crc.value)) + le(total)
        let labels: [UInt8] = [0, 0, 8, 1] + be(count) + (0..<count).map { UInt8($0 % 10) }
        _ = try folder.write(labels, to: "train-labels-idx1-ubyte.gz")
        return try folder.write(gzip, to: "train-images-idx3-ubyte.gz")
    }
}

/// Bits written least significant first, as DEFLATE packs them.
struct BitStream {
    var bytes: [UInt8] = []
    var bitCount = 0

    /// Appends the `count` low bits of `value`, least significant first.
    mutating func put(_ value: Int, count: Int) {
        for i in 0..<count {
            if bitCount % 8 == 0 { bytes.append(0) }
            bytes[bytes.count - 1] |= UInt8((value >> i) & 1) << UInt8(bitCount % 8)
            bitCount += 1
        }
    }

    /// Appends a Huffman code, most significant bit first.
    mutating func code(_ code: Int, length: Int) {
        for i in (0..<length).reversed() { put((code >> i) & 1, count: 1) }
    }

    /// Pads with zero bits to the next byte.
    mutating func alignToByte() { bitCount = bytes.count * 8 }
}
