import BackpropCompression
import BackpropHDF5
import BackpropIO

/// Where the examples of a data file lie, for reading them a block at a time
/// (``ExampleFileStream``): one array of fixed-size elements at a byte offset of an open file,
/// its element type and byte order, m and n, and which axis holds the examples.
///
/// Made from a file's header only (``npy(path:examplesFirst:)``, ``idx(path:)``,
/// ``hdf5(path:dataset:examplesFirst:)``); nothing of the data is read.
public struct StoredExamples: Sendable {
    /// How the file stores the examples.
    public enum Layout: Sendable, Equatable {
        /// (m, n…) in C order: an example's features are contiguous.
        case examplesFirst
        /// (n, m) in C order (a Fortran-ordered (m, n) too): a feature's values are contiguous.
        case examplesLast
    }

    let file: PositionedFile
    /// The rows of a chunked HDF5 dataset, read through its chunk index (nil: the elements lie
    /// contiguously at ``offset``).
    let chunkedRows: HDF5ChunkedRows?
    /// The file's path.
    public var path: String { file.path }
    /// The offset of the first element.
    public let offset: UInt64
    /// The element type and its byte order.
    public let dtype: NpyDType
    public let littleEndian: Bool
    /// m and n.
    public let exampleCount: Int
    public let featureCount: Int
    /// How the file stores them.
    public let layout: Layout
    /// The array's shape, as NumPy shows it.
    public let shape: [Int]
    /// Whether the array is stored column-major (a Fortran-ordered `.npy`).
    public let fortranOrder: Bool
    /// The shape of one example when it is an image (h, w, c) of uint8 pixels, as the
    /// in-memory loader records it (``Dataset/inputShape``); nil otherwise.
    public let imageShape: [Int]?

    /// The examples of an array of `shape` (as NumPy shows it) at `offset`.
    ///
    /// - Parameters:
    ///   - examplesFirst: whether the first axis holds the examples (else the last); nil: the
    ///     first, unless the array is 1-d (one feature per example).
    ///   - fortranOrder: whether the array is stored column-major (2-d only).
    /// - Throws: ``FormatError`` `.unsupported` for a Fortran-ordered array of more than 2
    ///   dimensions, `.truncated` when the file is shorter than the shape.
    init(file: PositionedFile, offset: UInt64, dtype: NpyDType, littleEndian: Bool, shape: [Int],
         fortranOrder: Bool = false, examplesFirst: Bool?, chunkedRows: HDF5ChunkedRows? = nil) throws(FormatError) {
        guard !fortranOrder || shape.count <= 2 else {
            throw FormatError(.unsupported, file: file.path, expected: "a C-ordered array, or a 2-d Fortran-ordered one, to stream",
                              found: "a Fortran-ordered array of shape \(NpyArray.describe(shape))")
        }
        let first = shape.count > 1 && (examplesFirst ?? true)
        let m = shape.isEmpty ? 1 : first ? shape[0] : shape[shape.count - 1]
        let bytes = try NpyArray.byteCount(shape: shape, dtype: dtype, file: file.path)
        guard chunkedRows != nil || (offset <= file.size && UInt64(bytes) <= file.size - offset) else {
            throw FormatError(.truncated, file: file.path, at: .byte(Int(clamping: offset)),
                              expected: "\(bytes) bytes of data for shape \(NpyArray.describe(shape))",
                              found: "\(offset <= file.size ? file.size - offset : 0) bytes")
        }
        self.file = file
        self.chunkedRows = chunkedRows
        self.shape = shape
        self.fortranOrder = fortranOrder
        self.offset = offset
        self.dtype = dtype
        self.littleEndian = littleEndian
        exampleCount = m
        featureCount = m == 0 ? 0 : shape.reduce(1, *) / m
        layout = first != fortranOrder ? .examplesFirst : .examplesLast
        let perExample = Array(shape.dropFirst())
        imageShape = dtype == .uint8 && first && !fortranOrder && (2...3).contains(perExample.count)
            ? (perExample.count == 2 ? perExample + [1] : perExample) : nil
    }

    /// Opens `path`, naming it in the error.
    static func open(_ path: String, expecting what: String) throws(FormatError) -> PositionedFile {
        do { return try PositionedFile(path: path) } catch {
            throw FormatError(.unreadable, file: path, expected: what, found: error.reason)
        }
    }

    /// The first `count` bytes of the file (fewer when it is shorter): where headers are.
    static func prefix(of file: PositionedFile, count: Int = 1 << 16) throws(FormatError) -> [UInt8] {
        do { return try file.read(at: 0, count: Int(Swift.min(file.size, UInt64(count)))) } catch {
            throw FormatError(.unreadable, file: file.path, expected: "a readable file", found: error.reason)
        }
    }
}

extension StoredExamples {
    /// The examples of a `.npy` file: (m, n…) rows by default, or (n, m) columns when
    /// `examplesFirst` is false; a Fortran-ordered 2-d array is read in its storage order.
    ///
    /// - Throws: ``FormatError`` for a header that is not NumPy's (read from the first 64 KiB),
    ///   a non-numeric dtype, or a file shorter than its shape.
    public static func npy(path: String, examplesFirst: Bool? = nil) throws(FormatError) -> StoredExamples {
        let file = try open(path, expecting: "a NumPy .npy file")
        let (header, offset) = try NumPyFile.preamble(prefix(of: file), file: path, acceptingText: false)
        guard case .numeric(let dtype, let littleEndian) = header.element else { preconditionFailure("a text header") }
        return try StoredExamples(file: file, offset: UInt64(offset), dtype: dtype, littleEndian: littleEndian, shape: header.shape,
                                  fortranOrder: header.fortranOrder, examplesFirst: examplesFirst)
    }

    /// The images of an uncompressed MNIST IDX file, (m, rows, columns), big-endian.
    ///
    /// - Throws: ``FormatError``: a gzipped file (`.unsupported`: it cannot be read a block at a
    ///   time; gunzip it first), a header that is not IDX, a file shorter than its shape.
    public static func idx(path: String) throws(FormatError) -> StoredExamples {
        let file = try open(path, expecting: "an MNIST IDX file")
        let head = try prefix(of: file, count: 4 + 4 * 255)
        if head.starts(with: [0x1f, 0x8b]) {
            throw FormatError(.unsupported, file: path, expected: "an uncompressed IDX file to stream",
                              found: "a gzip file (gunzip it first: `gunzip -k \(path)`)")
        }
        var reader = ByteReader(head, file: path)
        let (dtype, shape) = try IDXFile.header(&reader)
        return try StoredExamples(file: file, offset: UInt64(reader.position), dtype: dtype, littleEndian: false, shape: shape,
                                  examplesFirst: true)
    }
}

extension StoredExamples {
    /// The examples of the member `member` (its name without `.npy`) of a `.npz` archive, read
    /// in place: the member must be stored uncompressed (`np.savez`), as `.npy` data inside the
    /// ZIP file. `np.savez_compressed` members cannot be read a block at a time.
    ///
    /// The ZIP CRC-32 of a streamed member is not checked (it needs the whole member); a
    /// damaged value reads as it would from a `.npy`.
    ///
    /// - Throws: ``FormatError``: `.unsupported` for a compressed or encrypted member, `.mismatch`
    ///   for a missing one, the ZIP reader's errors, and those of ``npy(path:examplesFirst:)``
    ///   for the member's header and a member shorter than its shape.
    static func npz(_ zip: ZipArchive, file: PositionedFile, member: String, examplesFirst: Bool?) throws(FormatError) -> StoredExamples {
        let path = file.path, name = member + ".npy"
        guard let entry = zip.entry(named: name) else {
            throw FormatError(.mismatch, file: path, expected: "a member named \(quoted(name))", found: "none")
        }
        guard entry.method == 0, entry.compressedSize == entry.uncompressedSize else {
            throw FormatError(.unsupported, file: path, expected: "\(quoted(name)) stored uncompressed (np.savez) to stream",
                              found: "a compressed member (np.savez_compressed; convert it first: `backprop convert \(path) \(member).npy`)")
        }
        let start: Int
        do { start = try zip.dataStart(of: entry) } catch {
            throw FormatError(error, file: path, what: "a readable member \(quoted(name))")
        }
        let head: [UInt8]
        do { head = try file.read(at: UInt64(start), count: Swift.min(entry.uncompressedSize, 1 << 16)) } catch {
            throw FormatError(.truncated, file: path, at: .byte(start), expected: "the header of \(quoted(name))", found: error.reason)
        }
        let (header, offset) = try NumPyFile.preamble(head, file: path + ":" + name, acceptingText: false)
        guard case .numeric(let dtype, let littleEndian) = header.element else { preconditionFailure("a text header") }
        let bytes = try NpyArray.byteCount(shape: header.shape, dtype: dtype, file: path)
        guard bytes <= entry.uncompressedSize - offset else {
            throw FormatError(.truncated, file: path + ":" + name, at: .byte(offset), expected: "\(bytes) bytes of data for shape \(NpyArray.describe(header.shape))",
                              found: "\(entry.uncompressedSize - offset) bytes in the member")
        }
        return try StoredExamples(file: file, offset: UInt64(start + offset), dtype: dtype, littleEndian: littleEndian, shape: header.shape,
                                  fortranOrder: header.fortranOrder, examplesFirst: examplesFirst)
    }
}

extension StoredExamples {
    /// The examples of a numeric HDF5 dataset (`path`'s `dataset`), (m, n…) by default, as h5py
    /// writes the course's `train_set_x`: contiguous storage is read with positioned reads,
    /// chunked storage (with any filter the reader undoes) through its chunk index and a
    /// bounded chunk cache (`HDF5ChunkedRows`, examples along the first axis only).
    ///
    /// - Throws: ``FormatError``: `.unsupported` for compact storage, a chunked dataset with its
    ///   examples along the last axis, or a non-numeric type; the reader's errors for a damaged
    ///   file.
    public static func hdf5(path: String, dataset name: String, examplesFirst: Bool? = nil) throws(FormatError) -> StoredExamples {
        let located: (offset: UInt64, count: Int)?
        let dataset: HDF5Dataset
        do throws(HDF5Error) {
            dataset = try HDF5File(path: path).dataset(at: name)
            located = try dataset.contiguousData()
        } catch {
            throw FormatError(error)
        }
        guard let (dtype, littleEndian) = NpyDType.from(dataset.datatype) else {
            throw FormatError(.unsupported, file: path, expected: "a numeric dataset to stream", found: "\(quoted(name)) of \(dataset.datatype)")
        }
        let file = try open(path, expecting: "an HDF5 file")
        if let located {
            return try StoredExamples(file: file, offset: located.offset, dtype: dtype, littleEndian: littleEndian,
                                      shape: dataset.shape, examplesFirst: examplesFirst)
        }
        guard dataset.layoutDescription.hasPrefix("chunked"), examplesFirst ?? true || dataset.shape.count < 2 else {
            throw FormatError(.unsupported, file: path, expected: "a contiguous dataset, or a chunked one with the examples along its first axis, to stream",
                              found: "\(quoted(name)) stored \(dataset.layoutDescription)")
        }
        let rows: HDF5ChunkedRows
        do throws(HDF5Error) { rows = try HDF5ChunkedRows(dataset) } catch { throw FormatError(error) }
        return try StoredExamples(file: file, offset: 0, dtype: dtype, littleEndian: littleEndian, shape: dataset.shape,
                                  examplesFirst: examplesFirst, chunkedRows: rows)
    }
}

extension StoredExamples {
    /// Writes the array as a `.npy` file at `path` (its shape, element type and byte order as
    /// stored; a Fortran-ordered array stays Fortran-ordered), copying 16 MiB at a time (a
    /// chunked HDF5 dataset: 16 MiB of rows, decoded through its chunk cache): a file larger
    /// than memory converts with memory for one piece.
    ///
    /// - Returns: the bytes written.
    /// - Throws: ``FormatError``: `.unwritable` when the output cannot be written (nothing is
    ///   left at `path`), `.truncated` or `.unreadable` when the input cannot be read.
    public func writeNpy(to path: String) throws(FormatError) -> Int {
        let writer = try FileWriter(path: path)
        try writer.append(NumPyFile.header(shape: shape, dtype: dtype, fortranOrder: fortranOrder, littleEndian: littleEndian))
        if let chunkedRows {
            let rowsPerPiece = Swift.max(1, (16 << 20) / Swift.max(1, chunkedRows.rowBytes))
            for start in stride(from: 0, to: shape.first ?? 0, by: rowsPerPiece) {
                let rows: [UInt8]
                do throws(HDF5Error) { rows = try chunkedRows.rows(start..<Swift.min(start + rowsPerPiece, shape[0])) } catch { throw FormatError(error) }
                try writer.append(rows)
            }
            try writer.commit()
            return writer.count
        }
        let total = NpyArray.elementCount(shape) * dtype.itemSize, piece = 16 << 20
        var buffer = [UInt8]()
        for start in stride(from: 0, to: total, by: piece) {
            buffer = [UInt8](repeating: 0, count: Swift.min(piece, total - start))
            do { try file.read(at: offset + UInt64(start), into: &buffer) } catch {
                throw FormatError(error.isShort ? .truncated : .unreadable, file: self.path, at: .byte(Int(clamping: offset) + start),
                                  expected: "\(total) bytes of data", found: error.reason)
            }
            try writer.append(buffer)
        }
        try writer.commit()
        return writer.count
    }
}

extension NpyDType {
    /// The NumPy type of an HDF5 integer or float type of a size NumPy has, and whether it is
    /// little-endian; nil for other types (strings, compounds, 16-byte floats).
    public static func from(_ datatype: HDF5Datatype) -> (NpyDType, littleEndian: Bool)? {
        switch datatype {
        case .integer(let size, let signed, let bigEndian):
            let types: [Int: NpyDType] = signed ? [1: .int8, 2: .int16, 4: .int32, 8: .int64] : [1: .uint8, 2: .uint16, 4: .uint32, 8: .uint64]
            return types[size].map { ($0, !bigEndian) }
        case .float(let size, let bigEndian):
            let types: [Int: NpyDType] = [2: .float16, 4: .float32, 8: .float64]
            return types[size].map { ($0, !bigEndian) }
        default:
            return nil
        }
    }
}
