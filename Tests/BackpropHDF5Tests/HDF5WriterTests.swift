import Foundation
import Testing
@testable import BackpropHDF5
import BackpropTestSupport

/// Files written by ``HDF5Writer`` read back by ``HDF5File`` (the reader h5py's fixtures test),
/// byte for byte; h5py's own reading of them is `check_written_h5.py` (``HDF5WriterPythonTests``).
@Suite struct HDF5WriterTests {
    /// The shapes of ranks 1 to 4, each with a chunk shape that leaves partial edge chunks.
    static let shapes: [(shape: [Int], chunks: [Int])] = [
        ([37], [8]), ([7, 5], [3, 2]), ([4, 3, 5], [3, 2, 2]), ([3, 4, 2, 5], [2, 3, 2, 4]),
    ]

    /// Every storage the writer offers, for a chunk shape.
    static func storages(_ chunks: [Int]) -> [HDF5Storage] {
        [.contiguous, .chunked(shape: chunks), .chunked(shape: chunks, deflateLevel: 6),
         .chunked(shape: chunks, deflateLevel: 9, shuffle: true), .chunked(shape: chunks, shuffle: true)]
    }

    /// Values of every bit width and sign, from a multiplicative hash of the index.
    static func values<T: FixedWidthInteger>(_ type: T.Type, count: Int) -> [T] {
        (0..<count).map { T(truncatingIfNeeded: UInt64($0) &* 0x9E37_79B9_7F4A_7C15 &+ 12345) }
    }

    /// One array per writable element type, of `shape`.
    static func arrays(shape: [Int]) -> [HDF5Array] {
        let n = shape.reduce(1, *)
        return [
            HDF5Array(values(UInt8.self, count: n), shape: shape), HDF5Array(values(Int8.self, count: n), shape: shape),
            HDF5Array(values(UInt16.self, count: n), shape: shape), HDF5Array(values(Int16.self, count: n), shape: shape),
            HDF5Array(values(UInt32.self, count: n), shape: shape), HDF5Array(values(Int32.self, count: n), shape: shape),
            HDF5Array(values(UInt64.self, count: n), shape: shape), HDF5Array(values(Int64.self, count: n), shape: shape),
            HDF5Array((0..<n).map { Float($0) * 0.37 - 5 }, shape: shape),
            HDF5Array((0..<n).map { Double($0) * -1.25e-3 + .pi }, shape: shape),
        ]
    }

    @Test(arguments: 0..<4)
    func everyTypeRankAndStorageReadsBack(_ rankIndex: Int) throws {
        let (shape, chunks) = Self.shapes[rankIndex]
        var writer = HDF5Writer()
        var expected: [(String, HDF5Array, HDF5Storage)] = []
        for (t, array) in Self.arrays(shape: shape).enumerated() {
            for (s, storage) in Self.storages(chunks).enumerated() {
                let path = "/t\(t)/s\(s)"
                try writer.createDataset(path, array, storage: storage)
                expected.append((path, array, storage))
            }
        }
        let file = try HDF5File(bytes: writer.encoded())
        #expect(file.superblockVersion == 2)
        for (path, array, storage) in expected {
            let dataset = try file.dataset(at: path)
            #expect(dataset.datatype == array.datatype, "\(path)")
            #expect(dataset.shape == shape, "\(path)")
            #expect(try dataset.readRaw().bytes == array.bytes, "\(path) \(storage)")
            #expect(dataset.filters == storage.filters(elementSize: array.datatype.size), "\(path)")
            if case .chunked = storage {
                #expect(dataset.layoutDescription == "chunked (\(chunks.map(String.init).joined(separator: "×")), v1 B-tree)")
            } else {
                #expect(dataset.layoutDescription == "contiguous")
            }
        }
    }

    @Test func signedAndFloatValuesConvertAsWritten() throws {
        var writer = HDF5Writer()
        try writer.createDataset("i8", HDF5Array([Int8.min, -1, 0, 1, .max]))
        try writer.createDataset("i64", HDF5Array([Int64.min, -7, Int64.max]), storage: .chunked(shape: [2], deflateLevel: 1))
        try writer.createDataset("f32", HDF5Array([Float(-0.0), 1.5, .infinity, -.greatestFiniteMagnitude]))
        try writer.createDataset("f64", HDF5Array([Double.leastNonzeroMagnitude, -2.5, .pi]), storage: .chunked(shape: [1], shuffle: true))
        let file = try HDF5File(bytes: writer.encoded())
        #expect(try file.dataset(at: "i8").readInt64() == [-128, -1, 0, 1, 127])
        #expect(try file.dataset(at: "i64").readInt64() == [Int64.min, -7, Int64.max])
        let f32 = try file.dataset(at: "f32").read(as: Float.self).values
        #expect(f32.map(\.bitPattern) == [Float(-0.0), 1.5, .infinity, -.greatestFiniteMagnitude].map(\.bitPattern))
        #expect(try file.dataset(at: "f64").read(as: Double.self).values == [Double.leastNonzeroMagnitude, -2.5, .pi])
    }

    @Test func scalarDatasetsAndStrings() throws {
        var writer = HDF5Writer()
        try writer.createDataset("answer", HDF5Array(scalar: Int32(42)))
        try writer.createDataset("list_classes", HDF5Array(strings: ["non-cat", "cat"]))
        try writer.createDataset("grid", HDF5Array(strings: ["a", "bb", "ccc", "dddd", "é", ""], shape: [2, 3]),
                                 storage: .chunked(shape: [1, 2], deflateLevel: 6))
        let file = try HDF5File(bytes: writer.encoded())
        let answer = try file.dataset(at: "answer")
        #expect(answer.shape == [] && answer.elementCount == 1)
        #expect(try answer.readInt64() == [42])
        let classes = try file.dataset(at: "list_classes")
        #expect(classes.datatype == .fixedString(length: 7, padding: .nullPadded, utf8: false))
        #expect(try classes.readStrings() == ["non-cat", "cat"])
        let grid = try file.dataset(at: "grid")
        #expect(grid.datatype == .fixedString(length: 4, padding: .nullPadded, utf8: true))
        #expect(try grid.readStrings() == ["a", "bb", "ccc", "dddd", "é", ""])
    }

    @Test func attributesOnGroupsAndDatasets() throws {
        var writer = HDF5Writer()
        try writer.createDataset("/data/x", HDF5Array([1.0, 2.0]))
        try writer.setAttribute("title", HDF5Array(string: "cats"))
        try writer.setAttribute("count", HDF5Array(scalar: Int64(209)))
        try writer.setAttribute("scale", HDF5Array([Float(0.5), 2]), on: "/data")
        try writer.setAttribute("units", HDF5Array(strings: ["m", "s"]), on: "/data/x")
        try writer.setAttribute("matrix", HDF5Array([UInt16(1), 2, 3, 4, 5, 6], shape: [2, 3]), on: "data/x")
        try writer.setAttribute("count", HDF5Array(scalar: Int64(210)))  // replaces
        let file = try HDF5File(bytes: writer.encoded())
        let root = try file.root
        #expect(try root.attributes().map(\.name) == ["count", "title"])
        #expect(try root.attribute("count").readInt64() == [210])
        #expect(try root.attribute("title").readStrings() == ["cats"])
        #expect(try root.attribute("title").shape == [])
        #expect(try file.group(at: "/data").attribute("scale").read(as: Float.self) == [0.5, 2])
        let x = try file.dataset(at: "/data/x")
        #expect(try x.attribute("units").readStrings() == ["m", "s"])
        let matrix = try x.attribute("matrix")
        #expect(matrix.shape == [2, 3] && matrix.datatype == .integer(size: 2, signed: false, bigEndian: false))
        #expect(try matrix.readInt64() == [1, 2, 3, 4, 5, 6])
    }

    @Test func nestedGroupsAndManyLinks() throws {
        var writer = HDF5Writer()
        try writer.createGroup("/empty")
        try writer.createDataset("/a/b/c/deep", HDF5Array([UInt8(7)]))
        for k in 0..<20 { try writer.createDataset("/many/d\(k)", HDF5Array([Int32(k)])) }
        try writer.createGroup("/a/b/sibling")
        let file = try HDF5File(bytes: writer.encoded())
        #expect(try file.root.links().map(\.name) == ["a", "empty", "many"])
        #expect(try file.group(at: "/empty").links().isEmpty)
        #expect(try file.group(at: "/a/b").links().map(\.name) == ["c", "sibling"])
        #expect(try file.dataset(at: "/a/b/c/deep").readInt64() == [7])
        let many = try file.group(at: "/many").links().map(\.name)
        #expect(many == (0..<20).map { "d\($0)" }.sorted())
        for k in 0..<20 { #expect(try file.dataset(at: "/many/d\(k)").readInt64() == [Int64(k)]) }
        #expect(try file.describeTree().contains("deep"))
    }

    @Test func chunkIndexOfSeveralLevels() throws {
        // 5000 chunks: 79 leaves of at most 64, 2 internal nodes, one root (level 2).
        let values = (0..<5000).map { Int16(truncatingIfNeeded: $0 * 37) }
        var writer = HDF5Writer()
        try writer.createDataset("x", HDF5Array(values), storage: .chunked(shape: [1], deflateLevel: 1))
        try writer.createDataset("grid", HDF5Array(values, shape: [50, 100]), storage: .chunked(shape: [1, 1]))
        let file = try HDF5File(bytes: writer.encoded())
        #expect(try file.dataset(at: "x").readInt64() == values.map(Int64.init))
        #expect(try file.dataset(at: "grid").readInt64() == values.map(Int64.init))
    }

    @Test func emptyDatasets() throws {
        var writer = HDF5Writer()
        try writer.createDataset("none", HDF5Array([Float]()))
        try writer.createDataset("rows", HDF5Array([Double](), shape: [0, 3]), storage: .chunked(shape: [4, 3], deflateLevel: 6))
        try writer.createDataset("names", HDF5Array(strings: [], length: 3))
        let file = try HDF5File(bytes: writer.encoded())
        #expect(try file.dataset(at: "none").shape == [0])
        #expect(try file.dataset(at: "none").read(as: Float.self).values.isEmpty)
        #expect(try file.dataset(at: "rows").shape == [0, 3])
        #expect(try file.dataset(at: "rows").read(as: Double.self).values.isEmpty)
        #expect(try file.dataset(at: "names").readStrings().isEmpty)
    }

    @Test func refusesWhatCannotBeWritten() throws {
        var writer = HDF5Writer()
        try writer.createDataset("/x", HDF5Array([1, 2, 3] as [Int32]))
        func kind(_ body: (inout HDF5Writer) throws -> Void) -> HDF5WriteError.Kind? {
            do { try body(&writer); return nil } catch { return (error as? HDF5WriteError)?.kind }
        }
        #expect(kind { try $0.createDataset("x", HDF5Array([1.0])) } == .exists)
        #expect(kind { try $0.createGroup("/x") } == .exists)
        #expect(kind { try $0.createGroup("/") } == .exists)
        #expect(kind { try $0.createDataset("/x/y", HDF5Array([1.0])) } == .notFound)
        #expect(kind { try $0.createGroup("a//b") } == .invalidName)
        #expect(kind { try $0.createGroup("a/../b") } == .invalidName)
        #expect(kind { try $0.setAttribute("a", HDF5Array(scalar: 1), on: "/missing") } == .notFound)
        #expect(kind { try $0.setAttribute("", HDF5Array(scalar: 1)) } == .invalidName)
        #expect(kind { try $0.setAttribute("big", HDF5Array([UInt8](repeating: 1, count: 70_000))) } == .tooLarge)
        #expect(kind { try $0.createDataset("c1", HDF5Array([1.0, 2]), storage: .chunked(shape: [1, 1])) } == .invalidStorage)
        #expect(kind { try $0.createDataset("c2", HDF5Array([1.0, 2]), storage: .chunked(shape: [0])) } == .invalidStorage)
        #expect(kind { try $0.createDataset("c3", HDF5Array(scalar: 1.0), storage: .chunked(shape: [])) } == .invalidStorage)
        #expect(kind { try $0.createDataset("c4", HDF5Array([1.0]), storage: .chunked(shape: [1], deflateLevel: 10)) } == .invalidStorage)
        #expect(kind { try $0.createDataset("c5", HDF5Array([UInt8(1)]), storage: .chunked(shape: [1 << 32 - 1])) } == nil)
    }

    @Test func writesAtomicallyToAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hdf5-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var writer = HDF5Writer()
        try writer.createDataset("train_set_y", HDF5Array([0, 1, 1] as [Int64]))
        let path = folder.appendingPathComponent("out.h5").path
        try writer.write(to: path)
        #expect(try HDF5File(path: path).dataset(at: "train_set_y").readInt64() == [0, 1, 1])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.h5"])
        #expect(throws: HDF5WriteError.self) { try writer.write(to: folder.appendingPathComponent("missing/out.h5").path) }
    }

    @Test func shuffleIsUndoneByUnshuffle() {
        let data: [UInt8] = Array(0..<23)
        for size in [1, 2, 4, 8] {
            #expect(HDF5Filter.unshuffle(HDF5Filter.shuffle(data, elementSize: size), elementSize: size) == data)
        }
        #expect(HDF5Filter.shuffle([1, 2, 3, 4, 5, 6], elementSize: 2) == [1, 3, 5, 2, 4, 6])
    }
}

/// h5py reading what ``HDF5Writer`` writes: a file with every type, rank, storage, attribute and
/// group kind is described in a manifest, and `check_written_h5.py` compares h5py's view of the
/// file (structure, dtypes, shapes, chunking, filters, values, attributes) with it.
@Suite struct HDF5WriterPythonTests {
    /// An object of the manifest and what h5py must find.
    struct Entry {
        var path: String
        var array: HDF5Array?
        var storage: HDF5Storage = .contiguous
        var attributes: [String: HDF5Array] = [:]
    }

    @Test(.requiresH5py)
    func h5pyReadsEveryObjectAsWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hdf5-writer-py-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var entries = [Entry(path: "/", attributes: ["title": HDF5Array(string: "written by Backprop"),
                                                     "version": HDF5Array(scalar: Int32(2))])]
        for (rank, (shape, chunks)) in HDF5WriterTests.shapes.enumerated() {
            entries.append(Entry(path: "/rank\(rank + 1)", attributes: ["rank": HDF5Array(scalar: UInt8(rank + 1))]))
            for (t, array) in HDF5WriterTests.arrays(shape: shape).enumerated() {
                for (s, storage) in HDF5WriterTests.storages(chunks).enumerated() {
                    entries.append(Entry(path: "/rank\(rank + 1)/t\(t)_s\(s)", array: array, storage: storage))
                }
            }
        }
        entries += [
            Entry(path: "/strings"),
            Entry(path: "/strings/list_classes", array: HDF5Array(strings: ["non-cat", "cat"]),
                  attributes: ["units": HDF5Array(strings: ["m", "s"]), "scale": HDF5Array([0.5, 2.0]),
                               "matrix": HDF5Array([Int16(-1), 2, 3, 4, 5, 6], shape: [2, 3])]),
            Entry(path: "/strings/grid", array: HDF5Array(strings: ["a", "bb", "ccc", "dddd", "é", ""], shape: [2, 3]),
                  storage: .chunked(shape: [1, 2], deflateLevel: 6)),
            Entry(path: "/a"), Entry(path: "/a/b"), Entry(path: "/a/b/c"),
            Entry(path: "/a/b/c/scalar", array: HDF5Array(scalar: Float(1.5))),
            Entry(path: "/a/b/c/empty", array: HDF5Array([Double](), shape: [0, 3]), storage: .chunked(shape: [4, 3], deflateLevel: 1)),
            Entry(path: "/a/b/c/none", array: HDF5Array([Int64]())),
            Entry(path: "/many_chunks", array: HDF5Array((0..<5000).map { UInt16(truncatingIfNeeded: $0 &* 40503) }, shape: [50, 100]),
                  storage: .chunked(shape: [1, 1], deflateLevel: 1, shuffle: true)),
        ]
        var writer = HDF5Writer()
        for entry in entries {
            if let array = entry.array {
                try writer.createDataset(entry.path, array, storage: entry.storage)
            } else if entry.path != "/" {
                try writer.createGroup(entry.path)
            }
            for (name, value) in entry.attributes { try writer.setAttribute(name, value, on: entry.path) }
        }
        let file = folder.appendingPathComponent("everything.h5").path
        try writer.write(to: file)
        let manifest = folder.appendingPathComponent("everything.json")
        let objects = Dictionary(uniqueKeysWithValues: entries.map { ($0.path, Self.describe($0)) })
        try JSONSerialization.data(withJSONObject: ["file": file, "objects": objects]).write(to: manifest)
        let result = try PythonH5py.run([PythonH5py.checkScript, manifest.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("all equal"), "\(result.output)")
        print(String(result.output.split(separator: "\n").last ?? ""))
    }

    /// The manifest's description of an object.
    static func describe(_ entry: Entry) -> [String: Any] {
        var object: [String: Any] = ["kind": entry.array == nil ? "group" : "dataset",
                                     "attrs": entry.attributes.mapValues { describe($0) }]
        guard let array = entry.array else { return object }
        object.merge(describe(array)) { $1 }
        object["chunks"] = NSNull()
        object["compression"] = NSNull()
        object["compression_opts"] = NSNull()
        object["shuffle"] = false
        if case .chunked(let shape, let level, let shuffle) = entry.storage {
            object["chunks"] = shape
            object["compression"] = level == nil ? NSNull() : "gzip"
            object["compression_opts"] = level.map { $0 as Any } ?? NSNull()
            object["shuffle"] = shuffle
        }
        return object
    }

    /// dtype (NumPy's `str`), shape and bytes (hex) of an array.
    static func describe(_ array: HDF5Array) -> [String: Any] {
        let dtype: String
        switch array.datatype {
        case .integer(let size, let signed, _): dtype = (size == 1 ? "|" : "<") + (signed ? "i" : "u") + String(size)
        case .float(let size, _): dtype = "<f\(size)"
        case .fixedString(let length, _, _): dtype = "|S\(length)"
        default: dtype = "?"
        }
        return ["dtype": dtype, "shape": array.shape, "hex": array.bytes.map { String(format: "%02x", $0) }.joined()]
    }
}
