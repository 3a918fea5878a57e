import Foundation
import Testing
@testable import BackpropHDF5

/// filters/manifest.json (make_filter_fixtures.py): per file, what h5py read back.
nonisolated(unsafe) let filterManifest: [String: Any] = {
    let url = fixtureFolder.appendingPathComponent("filters/manifest.json")
    return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
}()

/// The LZF, scale-offset and n-bit decoders (LZF.swift, ScaleOffset.swift, NBit.swift, with
/// BitField.swift for reduced-precision types): h5py-written files read to exactly the values
/// h5py reads (lossy scale-offset included), and damaged chunks or parameters refused with
/// typed errors.
@Suite struct HDF5FilterTests {
    /// Every dataset of lzf.h5, scaleoffset.h5 and nbit.h5: datatype, filters and values equal
    /// to h5py's.
    @Test(arguments: ["lzf.h5", "scaleoffset.h5", "nbit.h5"])
    func filteredDatasetsReadLikeH5py(_ name: String) throws {
        let file = try HDF5File(path: fixture("filters/" + name))
        let datasets = (filterManifest[name] as! [String: Any])["datasets"] as! [String: [String: Any]]
        #expect(datasets.count >= 5)
        for (path, expected) in datasets.sorted(by: { $0.key < $1.key }) {
            let dataset = try file.dataset(at: path)
            #expect(dataset.datatype.description == expected["dtype"] as! String, "\(name) \(path)")
            #expect(dataset.shape == expected["shape"] as! [Int], "\(name) \(path)")
            #expect(dataset.filters.map(\.id) == expected["filters"] as! [Int], "\(name) \(path)")
            let values = try ElementBlock(bytes: dataset.rawBytes(), datatype: dataset.datatype, elementSize: dataset.elementSize,
                                          shape: dataset.shape, origin: 0, file: file, objectPath: path).formatted()
            #expect(sameValues(values, expected["values"] as! [String]), "\(name) \(path): \(values.prefix(12))")
            let doubles = try dataset.read(as: Double.self).values
            #expect(doubles.map { String($0) } == (expected["values"] as! [String]).map { String(Double($0)!) }, "\(name) \(path)")
        }
    }

    /// LZF: literals, back-references (the 7+n length form, overlapping runs).
    @Test func lzfDecodesLiteralsAndOverlappingReferences() throws {
        // "abc", then 6 bytes from 3 back ("abcabc"), then 9 + 2 = 11 "c"s from 1 back.
        let stream: [UInt8] = [2, 97, 98, 99, 4 << 5 | 0, 2, 7 << 5 | 0, 2, 0]
        let output = try LZF.decompress(stream, maximumOutputCount: 100)
        #expect(String(decoding: output, as: UTF8.self) == "abcabcabc" + String(repeating: "c", count: 11))
        let filter = HDF5Filter(id: 32000, name: "lzf", isOptional: true, parameters: [])
        #expect(try filter.undo(stream, elementSize: 1, expected: 20) == output)
    }

    /// A damaged chunk, the filter's parameters, the chunk size, the error kind and a phrase of
    /// its message.
    struct Damaged: Sendable, CustomTestStringConvertible {
        var chunk: [UInt8]
        var parameters: [UInt32] = []
        var expected: Int
        var kind: String
        var message: String
        var testDescription: String { message }
    }

    static let damagedLZF: [Damaged] = [
        Damaged(chunk: [5, 1, 2], expected: 100, kind: "decompression failed", message: "runs past the end"),
        Damaged(chunk: [2, 1, 2, 3, 1 << 5], expected: 100, kind: "decompression failed", message: "cut short"),
        Damaged(chunk: [0, 1, 7 << 5], expected: 100, kind: "decompression failed", message: "cut short"),
        Damaged(chunk: [0, 1, 1 << 5, 1], expected: 100, kind: "decompression failed", message: "2 bytes back"),
        Damaged(chunk: [3, 1, 2, 3, 4], expected: 3, kind: "decompression failed", message: "longer than the chunk's 3 bytes"),
        Damaged(chunk: [0, 9, 7 << 5, 200, 0], expected: 50, kind: "decompression failed", message: "longer than the chunk's 50 bytes"),
    ]

    /// LZF: truncated runs, references before the output and output past the chunk size are
    /// `.decompressionFailed`, never a trap.
    @Test(arguments: damagedLZF)
    func lzfRefusesDamagedStreams(_ damaged: Damaged) {
        let filter = HDF5Filter(id: 32000, name: "lzf", isOptional: true, parameters: [])
        check(filter, damaged, elementSize: 1)
    }

    func check(_ filter: HDF5Filter, _ damaged: Damaged, elementSize: Int) {
        let error = #expect(throws: HDF5Error.self) { try filter.undo(damaged.chunk, elementSize: elementSize, expected: damaged.expected) }
        let kind = error.map { "\($0.kind)" }
        #expect(kind == damaged.kind, "\(String(describing: error))")
        let found = error?.found ?? ""
        #expect(found.contains(damaged.message), "\(String(describing: error))")
    }

    /// Scale-offset on a hand-made chunk: 3 int16 values of 4 bits above the minimum -10, one
    /// of them the fill value's all-ones mark; big-endian output.
    @Test func scaleOffsetUnpacksBitsAddsTheMinimumAndMapsTheFillMark() throws {
        var chunk: [UInt8] = [4, 0, 0, 0, 8]
        chunk += withUnsafeBytes(of: Int64(-10).littleEndian, Array.init) + Array(repeating: 0, count: 8)
        chunk += [0b0011_1111, 0b0101_0000]  // 3, 15 (fill), 5
        let parameters: [UInt32] = [2, 0, 3, 0, 2, 1, 1, 1, 0xFFFF_FF9C] + Array(repeating: 0, count: 11)  // fill -100
        let filter = HDF5Filter(id: 6, name: "scaleoffset", isOptional: false, parameters: parameters)
        let output = try filter.undo(chunk, elementSize: 2, expected: 6)
        let values = stride(from: 0, to: 6, by: 2).map { Int16(bitPattern: UInt16(output[$0]) << 8 | UInt16(output[$0 + 1])) }
        #expect(values == [-7, -100, -5])
    }

    static let zeros = [UInt32](repeating: 0, count: 12)
    static let int32Parameters: [UInt32] = [2, 0, 4, 0, 4, 0, 0, 0] + zeros
    static let damagedScaleOffset: [Damaged] = [
        Damaged(chunk: Array(repeating: 0, count: 30), parameters: Array(repeating: 0, count: 19), expected: 16,
                kind: "malformed", message: "19 parameters"),
        Damaged(chunk: Array(repeating: 0, count: 30), parameters: [1, 2, 4, 1, 4, 0, 0, 0] + zeros, expected: 16,
                kind: "unsupported scale-offset E-scaling", message: "E-scaling"),
        Damaged(chunk: Array(repeating: 0, count: 20), parameters: int32Parameters, expected: 16,
                kind: "decompression failed", message: "21-byte header"),
        Damaged(chunk: [33, 0, 0, 0] + Array(repeating: 0, count: 30), parameters: int32Parameters, expected: 16,
                kind: "decompression failed", message: "minbits 33"),
        Damaged(chunk: [31, 0, 0, 0] + Array(repeating: 0, count: 20), parameters: int32Parameters, expected: 16,
                kind: "decompression failed", message: "do not fit"),
        Damaged(chunk: Array(repeating: 0, count: 30), parameters: [2, 0, 5, 0, 4, 0, 0, 0] + zeros, expected: 16,
                kind: "malformed", message: "5 elements of 4 bytes"),
        Damaged(chunk: Array(repeating: 0, count: 30), parameters: [2, 0, 4, 0, 3, 0, 0, 0] + zeros, expected: 16,
                kind: "malformed", message: "integer of 3 bytes"),
    ]

    /// Scale-offset parameters and chunks that HDF5 would not write are refused by kind.
    @Test(arguments: damagedScaleOffset)
    func scaleOffsetRefusesBadParametersAndChunks(_ damaged: Damaged) {
        let filter = HDF5Filter(id: 6, name: "scaleoffset", isOptional: false, parameters: damaged.parameters)
        check(filter, damaged, elementSize: 4)
    }

    /// N-bit: 12-bit fields put back at bit 4 of big-endian uint16 elements; array and compound
    /// datatypes are unsupported (exit 3 in the tool), bad precision malformed, short input failed.
    @Test func nbitPlacesFieldsAtTheirOffsetAndRefusesWhatItCannotRead() throws {
        let filter = HDF5Filter(id: 5, name: "nbit", isOptional: false, parameters: [8, 0, 2, 1, 2, 1, 12, 4])
        let output = try filter.undo([0xAB, 0xC1, 0x23], elementSize: 2, expected: 4)
        #expect(output == [0xAB, 0xC0, 0x12, 0x30])
        let compound = HDF5Filter(id: 5, name: "nbit", isOptional: false, parameters: [9, 0, 2, 3, 4, 1, 0, 1, 4])
        let unsupported = #expect(throws: HDF5Error.self) { try compound.undo([0, 0], elementSize: 4, expected: 8) }
        #expect(unsupported?.kind == .unsupportedFeature("n-bit filter on compound datatype"))
        let wide = HDF5Filter(id: 5, name: "nbit", isOptional: false, parameters: [8, 0, 2, 1, 2, 0, 12, 5])
        #expect((#expect(throws: HDF5Error.self) { try wide.undo([0, 0, 0], elementSize: 2, expected: 4) })?.kind == .malformed)
        let short = #expect(throws: HDF5Error.self) { try filter.undo([0xAB, 0xC1], elementSize: 2, expected: 4) }
        #expect(short?.kind == .decompressionFailed)
    }

    /// A damaged LZF chunk in a file: the error names the file and the chunk's byte offset.
    @Test func damagedChunkInAFileNamesTheFileAndOffset() throws {
        let path = try corruptedCopy(of: "filters/lzf.h5", tag: "lzf") { bytes in
            // The u8 dataset's first chunk starts with a literal run; make it claim 32 bytes
            // back from output byte 0.
            let file = try! HDF5File(bytes: bytes)
            let dataset = try! file.dataset(at: "/u8")
            guard case .chunked(let chunked) = dataset.layout.kind else { return }
            let index = ChunkIndex(reader: file.reader, layout: chunked, dims: dataset.shape, maxDims: dataset.maximumShape, filtered: true)
            let first = try! index.chunks().min { $0.address < $1.address }!
            bytes[Int(first.address)] = 1 << 5 | 0
        }
        let error = #expect(throws: HDF5Error.self) { try HDF5File(path: path).dataset(at: "/u8").read(as: Double.self) }
        #expect(error?.kind == .decompressionFailed)
        #expect(error?.file == path && error?.objectPath == "/u8" && error?.offset != nil, "\(String(describing: error))")
    }

    /// Integer and float types whose significant bits do not fill the element are read from
    /// their bits: sign-extended integers, IEEE floats with dropped mantissa bits.
    @Test func bitFieldsWidenIntegersAndClearFloatPadding() {
        let field = BitField(precision: 5, offset: 2)
        // 0b1_1110_11: bits 2..6 = 11110 = -2 as 5-bit two's complement; padding bits set.
        #expect(field.normalize([0b0111_1011], datatype: .integer(size: 1, signed: true, bigEndian: false)) == [0xFE])
        #expect(field.normalize([0b0111_1011], datatype: .integer(size: 1, signed: false, bigEndian: false)) == [30])
        let float = BitField(precision: 25, offset: 7)
        let bits = Float(1.5).bitPattern | 0x7F
        let normalized = float.normalize(withUnsafeBytes(of: bits.littleEndian, Array.init), datatype: .float(size: 4, bigEndian: false))
        #expect(normalized == withUnsafeBytes(of: Float(1.5).bitPattern.littleEndian, Array.init))
    }
}
