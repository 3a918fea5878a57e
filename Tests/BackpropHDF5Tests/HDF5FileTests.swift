import Foundation
import Testing
@testable import BackpropHDF5

/// Every fixture read back and compared with what h5py recorded in manifest.json (values exact).
@Suite struct HDF5FileTests {
    @Test(arguments: describedFixtures)
    func datasetsMatchH5py(_ name: String) throws {
        let entry = manifest[name] as! [String: Any]
        let file = try HDF5File(path: fixture(name))
        let datasets = entry["datasets"] as! [String: [String: Any]]
        #expect(!datasets.isEmpty)
        for (path, expected) in datasets.sorted(by: { $0.key < $1.key }) {
            let dataset = try file.dataset(at: path)
            #expect(dataset.datatype.description == expected["dtype"] as! String, "\(name) \(path)")
            if let shape = expected["shape"] as? [Int] {
                #expect(!dataset.isNull)
                #expect(dataset.shape == shape, "\(name) \(path)")
                let values: [String]
                if dataset.datatype.isString {
                    values = try dataset.readStrings()
                } else {
                    values = try ElementBlock(bytes: dataset.rawBytes(), datatype: dataset.datatype, elementSize: dataset.elementSize,
                                              shape: dataset.shape, origin: 0, file: file, objectPath: path).formatted()
                }
                #expect(sameValues(values, expected["values"] as! [String]), "\(name) \(path): \(values.prefix(12))")
            } else {
                #expect(dataset.isNull, "\(name) \(path) should have a null dataspace")
                #expect(try dataset.read(as: Double.self).values.isEmpty)
            }
            try compareAttributes(try dataset.attributes(), expected["attributes"] as! [String: [String: Any]], "\(name) \(path)")
        }
    }

    @Test(arguments: describedFixtures)
    func groupsAndLinksMatchH5py(_ name: String) throws {
        let entry = manifest[name] as! [String: Any]
        let file = try HDF5File(path: fixture(name))
        for (path, expected) in entry["groups"] as! [String: [String: Any]] {
            let group = try file.group(at: path)
            #expect(group.path == path)
            #expect(try group.links().map(\.name) == (expected["members"] as! [String]).sorted {
                Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
            }, "\(name) \(path)")
            try compareAttributes(try group.attributes(), expected["attributes"] as! [String: [String: Any]], "\(name) \(path)")
        }
        for (path, target) in entry["softLinks"] as! [String: String] {
            let parent = try file.group(at: String(path[..<path.lastIndex(of: "/")!]))
            let link = try #require(try parent.links().first { $0.name == path.split(separator: "/").last.map(String.init) })
            #expect(link.target == .soft(path: target))
        }
        for (path, target) in entry["externalLinks"] as! [String: [String]] {
            let error = #expect(throws: HDF5Error.self) { try file.object(at: path) }
            #expect(error?.kind == .unsupportedFeature("external link"))
            #expect(error?.found.contains(target[0]) == true)
        }
    }

    func compareAttributes(_ ours: [HDF5Attribute], _ expected: [String: [String: Any]], _ context: String) throws {
        #expect(ours.map(\.name).sorted() == expected.keys.sorted(), "\(context)")
        for attribute in ours {
            guard let want = expected[attribute.name] else { continue }
            #expect(attribute.datatype.description == want["dtype"] as! String, "\(context)@\(attribute.name)")
            #expect(attribute.shape == want["shape"] as! [Int], "\(context)@\(attribute.name)")
            #expect(sameValues(try attribute.formattedValues(), want["values"] as! [String]), "\(context)@\(attribute.name)")
        }
    }

    @Test func superblockVersionsAndUserBlocks() throws {
        let expected: [String: (Int, UInt64)] = [
            "libver_earliest_latest.h5": (0, 0), "libver_v108_v108.h5": (2, 0), "libver_v110_v110.h5": (3, 0),
            "libver_latest_latest.h5": (3, 0), "userblock.h5": (0, 512), "userblock_latest.h5": (3, 1024), "small_offsets.h5": (2, 0),
        ]
        for (name, (version, userBlock)) in expected {
            let file = try HDF5File(path: fixture(name))
            #expect(file.superblockVersion == version, "\(name)")
            #expect(file.userBlockSize == userBlock, "\(name)")
        }
    }

    @Test func everyChunkIndexIsExercised() throws {
        let latest = try HDF5File(path: fixture("libver_latest_latest.h5"))
        let layouts = [
            "/chunked/btree2": "chunked (2×2, v2 B-tree)", "/chunked/extensible": "chunked (2, extensible array)",
            "/chunked/fixed_max": "chunked (2×4, fixed array)", "/chunked/single": "chunked (4×5, single chunk)",
            "/implicit": "chunked (4×2, implicit index)", "/compact_layout": "compact", "/scalar": "contiguous",
        ]
        for (path, layout) in layouts { #expect(try latest.dataset(at: path).layoutDescription == layout, "\(path)") }
        let earliest = try HDF5File(path: fixture("libver_earliest_latest.h5"))
        #expect(try earliest.dataset(at: "/chunked/gzip_edges").layoutDescription == "chunked (4×3, v1 B-tree)")
        let many = try HDF5File(path: fixture("many_latest.h5"))
        #expect(try many.dataset(at: "/many_chunks").layoutDescription == "chunked (1, fixed array)")  // paged: 1200 > 1024
        #expect(try many.dataset(at: "/many_chunks_ea").layoutDescription == "chunked (1, extensible array)")
        #expect(try many.dataset(at: "/many_chunks_2d").layoutDescription == "chunked (1×1, v2 B-tree)")
    }

    @Test func filtersAreDescribed() throws {
        let file = try HDF5File(path: fixture("libver_latest_latest.h5"))
        let filters = try file.dataset(at: "/chunked/shuffle_fletcher").filters.map(\.description)
        #expect(filters == ["shuffle", "deflate (level 4)", "fletcher32"])
    }

    @Test func softLinksAreFollowedAndHardLinksShareObjects() throws {
        let file = try HDF5File(path: fixture("libver_v110_v110.h5"))
        let viaSoft = try file.dataset(at: "/nested/soft")
        #expect(viaSoft.path == "/nested/deeper/values")  // a soft link resolves to its target's path
        #expect(try viaSoft.read(as: Double.self).values == [1, 2, 3, 4])
        let nested = try file.group(at: "nested")
        #expect(try nested.dataset("deeper/values").read(as: Float.self).values == [1, 2, 3, 4])
        let dangling = #expect(throws: HDF5Error.self) { try file.object(at: "/nested/dangling") }
        #expect(dangling?.kind == .notFound)
        #expect(dangling?.objectPath == "/does/not/exist")
    }

    @Test func readMatrixShapesFollowTheCourseOrientation() throws {
        let file = try HDF5File(path: fixture("libver_earliest_latest.h5"))
        let matrix = try file.dataset(at: "/chunked/gzip_edges").readMatrix(as: Double.self)
        #expect(matrix.rows == 10 && matrix.columns == 7)
        let row = try file.dataset(at: "/floats/f4be").readMatrix(as: Float.self)
        #expect(row.rows == 1 && row.columns == 6)
        #expect(row[0, 1] == -1.5)
        let scalar = try file.dataset(at: "/scalar").readMatrix(as: Double.self)
        #expect(scalar.rows == 1 && scalar.columns == 1 && scalar[0, 0] == 2.5)
        #expect(try file.dataset(at: "/ints/i8be").readInt64() == [Int64.min, Int64.max, 0, 1, Int64.max / 3, 7])
        #expect(try file.dataset(at: "/ints/u8le").readUInt64() == [0, UInt64.max, 0, 1, UInt64.max / 3, 7])
        let tooBig = #expect(throws: HDF5Error.self) { try file.dataset(at: "/ints/u8le").readInt64() }
        #expect(tooBig?.kind == .sizeTooLarge)
    }

    @Test func unsupportedClassesAndFiltersAreNamed() throws {
        let file = try HDF5File(path: fixture("unsupported.h5"))
        let expected = (manifest["unsupported.h5"] as! [String: Any])["unsupported"] as! [String: String]
        for (path, name) in expected {
            let error = #expect(throws: HDF5Error.self) { _ = try file.dataset(at: path).read(as: Double.self) }
            #expect(error?.objectPath == path)
            #expect(error.map { "\($0.kind)" }?.contains(name) == true, "\(path): \(String(describing: error))")
        }
        #expect(try file.dataset(at: "/ok").read(as: Double.self).values == [0, 1, 2])
        #expect(try file.describeTree().contains("compound (12 bytes)"))
        #expect(try file.describeTree().contains("named_type  (named datatype)"))
        // A dataset whose datatype is a committed (named) datatype, followed through the shared message.
        let named = try file.dataset(at: "/uses_named_type")
        #expect(named.datatype == .float(size: 4, bigEndian: false))
        #expect(try named.read(as: Double.self).values == [1.5, -2.0])
    }

    @Test func cyclesAreReportedNotFollowedForever() throws {
        let file = try HDF5File(path: fixture("cycles.h5"))
        let error = #expect(throws: HDF5Error.self) { try file.object(at: "/a") }
        #expect(error?.kind == .cycle)
        let tree = try file.describeTree()
        #expect(tree.contains("self/  (hard link to an enclosing group: cycle, not descended)"))
        #expect(try file.dataset(at: "/g/self/self/x").readInt64() == [0, 1, 2])
    }

    @Test func describeTreeListsShapesTypesLayoutsFiltersAndAttributes() throws {
        let tree = try HDF5File(path: fixture("libver_latest_latest.h5")).describeTree()
        #expect(tree.contains("gzip_edges  (10, 7)  int32 (little-endian)  chunked (4×3, fixed array)  filters: deflate (level 6)"))
        #expect(tree.contains("@title  scalar  variable-length string (UTF-8) = \"fixture\""))
        #expect(tree.contains("external -> other.h5:/data  (external link, not followed)"))
        #expect(tree.contains("null  null  float64 (little-endian)  contiguous"))
    }

    /// A file opened from memory reads exactly what the same file opened by path reads, and
    /// errors name the given name and offsets as for a file.
    @Test(arguments: describedFixtures)
    func bytesInMemoryReadLikeTheFile(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture(name))))
        let fromPath = try HDF5File(path: fixture(name))
        let fromMemory = try HDF5File(bytes: bytes, name: name)
        #expect(fromMemory.path == name)
        #expect(try fromMemory.describeTree().replacingOccurrences(of: name, with: "")
                == fromPath.describeTree().replacingOccurrences(of: fixture(name), with: ""))
        let datasets = (manifest[name] as! [String: Any])["datasets"] as! [String: [String: Any]]
        for path in datasets.keys.sorted() {
            let a = try fromPath.dataset(at: path), b = try fromMemory.dataset(at: path)
            #expect(try a.rawBytes() == b.rawBytes(), "\(name) \(path)")
        }
        // Past the superblock, but short of the first dataset's data.
        let truncated = Array(bytes.prefix(Int(fromPath.userBlockSize) + 256))
        let error = #expect(throws: HDF5Error.self) {
            let file = try HDF5File(bytes: truncated, name: "half.h5")
            for path in datasets.keys.sorted() { _ = try file.dataset(at: path).rawBytes() }
        }
        #expect(error?.file == "half.h5")
    }
}
