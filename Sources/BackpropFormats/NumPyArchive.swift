import BackpropCompression
import BackpropIO

/// A NumPy `.npz` archive: a ZIP file of `.npy` members, as `np.savez` (stored) and
/// `np.savez_compressed` (deflated) write it, and as `np.load` reads it.
///
/// Member names drop the `.npy` suffix, as `np.load(...).files` lists them. Members of
/// fixed-length strings (class names such as the course's `list_classes`) are kept apart in
/// ``strings``; other members Backprop cannot read (object or complex arrays) are listed in
/// ``unreadable`` and refused only when asked for by name, so they never stop a data set that
/// does not need them:
///
///     let archive = try NumPyArchive.read(path: "data.npz")
///     let x = try archive.array(named: "x")              // NpyArray
///     try NumPyArchive(arrays: [("W1", NpyArray(w1))]).write(to: "model.npz", compressed: true)
public struct NumPyArchive: Sendable, Equatable {
    /// The arrays, in archive order, by name (without `.npy`).
    public var arrays: [(name: String, array: NpyArray)]

    /// The arrays of strings (`|S7`, `<U5`), in archive order, by name.
    public var strings: [(name: String, array: NpyStringArray)]
    /// The members that are no array Backprop reads, by name, with the reason.
    public var unreadable: [(name: String, error: FormatError)]

    /// The names of the numeric arrays, in archive order.
    public var names: [String] { arrays.map(\.name) }

    /// An archive holding `arrays`, in that order, and `strings`.
    public init(arrays: [(name: String, array: NpyArray)], strings: [(name: String, array: NpyStringArray)] = []) {
        self.arrays = arrays
        self.strings = strings
        self.unreadable = []
    }

    public static func == (lhs: NumPyArchive, rhs: NumPyArchive) -> Bool {
        lhs.arrays.count == rhs.arrays.count && zip(lhs.arrays, rhs.arrays).allSatisfy { $0.name == $1.name && $0.array == $1.array }
            && lhs.strings.map(\.name) == rhs.strings.map(\.name) && lhs.strings.map(\.array) == rhs.strings.map(\.array)
    }

    /// The array named `name`, or nil.
    public subscript(name: String) -> NpyArray? { arrays.first { $0.name == name }?.array }

    /// The array named `name`.
    ///
    /// - Throws: ``FormatError`` (`.mismatch`) listing the archive's names when there is none.
    public func array(named name: String, file: String = "<npz>") throws(FormatError) -> NpyArray {
        if let refused = unreadable.first(where: { $0.name == name }) { throw refused.error }
        guard let array = self[name] else {
            throw FormatError(.mismatch, file: file, expected: "an array named \(quoted(name))",
                              found: names.isEmpty ? "an empty archive" : names.map { quoted($0) }.joined(separator: ", "))
        }
        return array
    }

    /// The most bytes one member may decompress to (2 GiB), whatever it declares.
    public static let maximumMemberSize = 1 << 31

    /// Reads the `.npz` file at `path`.
    ///
    /// - Throws: ``FormatError``: a bad ZIP structure or member (offsets in the archive), or a
    ///   bad `.npy` member (named `path:member.npy`, offsets in the member), a member declaring
    ///   more than ``maximumMemberSize`` (`.mismatch`) or, with those before it, more than the
    ///   `MemoryBudget` (`.tooLarge`). Members not ending in `.npy` are skipped; a member
    ///   whose dtype is not numeric is kept in ``strings`` or ``unreadable`` (its error is
    ///   thrown by ``array(named:file:)``).
    public static func read(path: String) throws(FormatError) -> NumPyArchive {
        try read(bytes: FileAccess.read(path, expecting: "a NumPy .npz archive", accepting: [.zip]), file: path)
    }

    /// Reads `.npz` bytes held in memory; `file` names them in errors.
    public static func read(bytes: [UInt8], file: String = "<bytes>") throws(FormatError) -> NumPyArchive {
        let zip: ZipArchive
        do {
            zip = try ZipArchive(bytes: bytes)
        } catch {
            throw FormatError(error, file: file, what: "a ZIP archive of .npy files (.npz)")
        }
        return try read(zip, file: file)
    }

    /// The `.npy` members of `zip` for which `including` is true (by name without `.npy`),
    /// each budget-checked before it is read.
    static func read(_ zip: ZipArchive, file: String, including: (String) -> Bool = { _ in true }) throws(FormatError) -> NumPyArchive {
        var archive = NumPyArchive(arrays: [])
        var inflated = 0
        for entry in zip.entries where entry.name.hasSuffix(".npy") && including(String(entry.name.dropLast(4))) {
            let contents: [UInt8]
            // A member is at most 2 GiB (``maximumMemberSize``), what deflate's 1032:1 ratio
            // allows from the archive, and, with the members before it, the memory budget;
            // its declared size is checked before inflating, and inflating stops there.
            let documented = Swift.min(maximumMemberSize, zip.size * 1032 + 4096)
            let what = "member \(quoted(entry.name)) (with the \(MemoryBudget.format(bytes: inflated)) of members before it)"
            let held = zip.bytes.isEmpty ? entry.compressedSize : 0
            if let refusal = MemoryBudget.current.refusal(bytes: MemoryBudget.sum([inflated, held, entry.uncompressedSize]), for: what) {
                throw FormatError(refusal, file: file)
            }
            do {
                contents = try zip.contents(of: entry.name, maximumOutputCount: documented)
            } catch {
                throw FormatError(error, file: file, what: "a readable member \(quoted(entry.name))")
            }
            inflated += contents.count
            try archive.add(member: String(entry.name.dropLast(4)), contents: contents, file: file + ":" + entry.name)
        }
        return archive
    }

    /// The central directory of the `.npz` file `file` (members are read when asked for).
    ///
    /// - Throws: ``FormatError`` for a bad ZIP structure.
    static func directory(of file: PositionedFile) throws(FormatError) -> ZipArchive {
        do { return try ZipArchive(file: file) } catch {
            throw FormatError(error, file: file.path, what: "a ZIP archive of .npy files (.npz)")
        }
    }

    /// Adds one member: a numeric array, an array of strings, or (when its dtype is one Backprop
    /// does not read) the reason it is unreadable.
    mutating func add(member name: String, contents: [UInt8], file: String) throws(FormatError) {
        do {
            arrays.append((name, try NumPyFile.read(bytes: contents, file: file)))
        } catch where error.reason == .unsupported {
            if let text = try? NumPyFile.readStrings(bytes: contents, file: file) {
                strings.append((name, text))
            } else {
                unreadable.append((name, error))
            }
        }
    }

    /// The bytes of the archive: one `name.npy` member per array, deflated when `compressed`
    /// (as `np.savez_compressed`) or stored (as `np.savez`).
    public func encode(compressed: Bool) -> [UInt8] {
        var writer = ZipWriter()
        for (name, array) in arrays { writer.add(name: name + ".npy", contents: NumPyFile.encode(array), compress: compressed) }
        return writer.finish()
    }

    /// Writes the archive to `path`; see ``encode(compressed:)``.
    ///
    /// - Throws: ``FormatError`` (`.unwritable`) when the file cannot be written.
    public func write(to path: String, compressed: Bool = true) throws(FormatError) {
        try FileAccess.write(encode(compressed: compressed), to: path)
    }
}
