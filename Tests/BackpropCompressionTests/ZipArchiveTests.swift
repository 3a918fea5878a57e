import Testing
@testable import BackpropCompression

@Suite("ZIP reader")
struct ZipArchiveTests {
    @Test("reads Python zipfile archives: stored + deflated members, forced ZIP64 local headers")
    func readsZipfileArchives() throws {
        for item in try Fixtures.manifest()["zip"]! where item.file.hasSuffix(".zip") {
            let archive = try ZipArchive(bytes: Fixtures.bytes(item.file))
            let members = item.members!
            #expect(Set(archive.entries.map(\.name)) == Set(members.keys), "\(item.file)")
            for (name, member) in members {
                let expected = Fixtures.payload(member.payload!)
                let entry = try #require(archive.entry(named: name))
                #expect(entry.method == member.method)
                #expect(entry.uncompressedSize == expected.count)
                #expect(entry.crc32 == CRC32.checksum(expected))
                #expect(try archive.contents(of: name) == expected, "\(item.file): \(name)")
            }
        }
    }

    @Test("reads NumPy np.savez and np.savez_compressed output")
    func readsNpz() throws {
        let npz = try Fixtures.manifest()["zip"]!.filter { $0.file.hasSuffix(".npz") }
        #expect(npz.count == 2, "the .npz fixtures need NumPy when running make_fixtures.py")
        for item in npz {
            let archive = try ZipArchive(bytes: Fixtures.bytes(item.file))
            #expect(archive.entries.count == 2)
            for (name, member) in item.members! {
                let bytes = try archive.contents(of: name)
                #expect(bytes.count == member.size)
                #expect(CRC32.checksum(bytes) == member.crc32)
                #expect(bytes.map { Gzip.hex($0) }.joined() == member.sha)
                #expect(archive.entry(named: name)?.method == member.method)
                #expect(bytes.starts(with: [0x93] + Array("NUMPY".utf8)))
            }
        }
    }

    @Test("round trip through ZipWriter, plain and forced ZIP64, with a UTF-8 name")
    func writerRoundTrip() throws {
        for force in [false, true] {
            var writer = ZipWriter()
            writer.forceZip64 = force
            let members: [(String, [UInt8], Bool)] = [
                ("text.txt", Fixtures.payload("text"), true),
                ("random.bin", Fixtures.payload("random"), false),
                ("empty", [], true),
                ("dossier/poids-é.npy", Fixtures.payload("runs"), true),
            ]
            for (name, contents, compress) in members { writer.add(name: name, contents: contents, compress: compress) }
            let archive = try ZipArchive(bytes: writer.finish())
            #expect(archive.entries.map(\.name) == members.map(\.0))
            for (name, contents, compress) in members {
                #expect(try archive.contents(of: name) == contents)
                #expect(archive.entry(named: name)?.method == (compress ? 8 : 0))
            }
            if force { #expect(archive.entries.allSatisfy { $0.offset < 0xFFFF_FFFF }) }
        }
        #expect(try ZipArchive(bytes: ZipWriter().finish()).entries.isEmpty)
    }

    @Test("corrupt archives throw the right kind: CRC, missing member, truncation, no end record, limit")
    func errors() throws {
        let good = try Fixtures.bytes("mixed.zip")
        let archive = try ZipArchive(bytes: good)
        func kind(_ body: () throws -> Void) -> CompressionError.Kind? {
            do { try body(); return nil } catch { return (error as? CompressionError)?.kind }
        }
        // Flip a data byte of the stored member: CRC mismatch.
        let stored = archive.entry(named: "stored/random.bin")!
        var badCRC = good
        badCRC[stored.offset + 30 + "stored/random.bin".utf8.count + 100] ^= 1
        #expect(kind { _ = try ZipArchive(bytes: badCRC).contents(of: "stored/random.bin") } == .checksumMismatch)
        #expect(kind { _ = try archive.contents(of: "nope") } == .invalidData)
        #expect(kind { _ = try archive.contents(of: "text.txt", maximumOutputCount: 1000) } == .outputLimitExceeded)
        #expect(kind { _ = try ZipArchive(bytes: Array(good.dropLast(30))) } == .invalidData)
        #expect(kind { _ = try ZipArchive(bytes: [0x50, 0x4B]) } == .truncated)
        #expect(kind { _ = try ZipArchive(bytes: Array(repeating: 0, count: 100)) } == .invalidData)
        // Cut the archive but keep a valid end record pointing past the cut.
        let end = good.count - 22
        let cut = Array(good[..<(end - 200)]) + Array(good[end...])
        #expect(kind { _ = try ZipArchive(bytes: cut) } == .truncated)
        // Claim a huge entry count: must not allocate it, must throw.
        var many = good
        many[end + 10] = 0xFF
        many[end + 11] = 0xFF
        #expect(kind { _ = try ZipArchive(bytes: many) } == .invalidData)
        // Any truncation of any member's data, or garbage, throws instead of crashing.
        for length in stride(from: 0, to: good.count, by: 97) {
            _ = try? ZipArchive(bytes: Array(good[..<length])).contents(of: "text.txt")
        }
    }
}
