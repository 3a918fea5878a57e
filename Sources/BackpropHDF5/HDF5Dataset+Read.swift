import BackpropIO
import BackpropMatrix

extension HDF5Dataset {
    /// The values converted to `T`, in row-major (C) order, with the shape.
    ///
    /// Integer data of any width, sign and byte order convert exactly when representable (uint8
    /// pixels to `Double` are exact); floats of 16, 32 or 64 bits convert like `T(x)`.
    ///
    /// - Throws: ``HDF5Error`` `.typeMismatch` for strings and unsupported types,
    ///   `.sizeTooLarge` above ``maximumReadBytes``, `.overMemoryBudget` when the stored bytes
    ///   (plus one chunk) do not fit the `MemoryBudget` in force, or any error reading,
    ///   decompressing or checking the stored data.
    public func read<T: MatrixScalar>(as type: T.Type) throws(HDF5Error) -> (values: [T], shape: [Int]) {
        (try elements().convert(to: T.self), shape)
    }

    /// The dataset as a matrix: 2-D data as (rows, columns); 1-D as (1, n); a scalar as (1, 1);
    /// higher ranks as (shape[0], product of the rest) — one row per leading index, as
    /// `x.reshape(shape[0], -1)` in NumPy.
    ///
    /// - Throws: as ``read(as:)``.
    public func readMatrix<T: MatrixScalar>(as type: T.Type) throws(HDF5Error) -> Matrix<T> {
        let values = try read(as: T.self).values
        switch shape.count {
        case 0: return Matrix(rows: 1, columns: values.count, elements: values)
        case 1: return Matrix(rows: 1, columns: shape[0], elements: values)
        default: return Matrix(rows: shape[0], columns: shape[0] == 0 ? 0 : values.count / shape[0], elements: values)
        }
    }

    /// The values as 64-bit integers (integer datatypes only).
    ///
    /// - Throws: ``HDF5Error`` `.typeMismatch` for non-integer data, `.sizeTooLarge` for an
    ///   unsigned value above `Int64.max`.
    public func readInt64() throws(HDF5Error) -> [Int64] { try elements().int64() }

    /// The values as unsigned 64-bit integers (integer datatypes only, no negative value).
    ///
    /// - Throws: ``HDF5Error`` `.typeMismatch` for non-integer data, `.sizeTooLarge` for a
    ///   negative value.
    public func readUInt64() throws(HDF5Error) -> [UInt64] { try elements().uint64() }

    /// The values as strings: fixed-length strings without their padding, variable-length
    /// strings from the global heap.
    ///
    /// - Throws: ``HDF5Error`` `.typeMismatch` for non-string data.
    public func readStrings() throws(HDF5Error) -> [String] { try elements().strings() }

    /// The stored bytes of every element, row-major, in the file's byte order (see
    /// ``datatype``): what a `.npy` writer needs. Variable-length strings are returned as their
    /// heap references, not as text.
    ///
    /// - Throws: ``HDF5Error`` for unsupported types or damaged data.
    public func readRaw() throws(HDF5Error) -> (bytes: [UInt8], elementSize: Int, shape: [Int]) {
        (try elements().bytes, elementSize, shape)
    }

    /// Whether storage was ever allocated for the data: false for a contiguous dataset with an
    /// undefined address or a chunked one without an index (no chunk written), whose values are
    /// all the fill value. Compact data are always written.
    public var isWritten: Bool {
        switch layout.kind {
        case .compact: return true
        case .contiguous(let address, _): return address != nil
        case .chunked(let chunked): return chunked.address != nil
        }
    }

    func elements() throws(HDF5Error) -> ElementBlock {
        if case .unsupported(let className, _) = datatype {
            throw HDF5Error(.unsupportedFeature(className), file: file.path, objectPath: path,
                            found: "datatype \(datatype) cannot be read (integers, floats and strings can)")
        }
        do throws(HDF5Error) {
            return ElementBlock(bytes: try rawBytes(), datatype: datatype, elementSize: elementSize, shape: shape,
                                origin: 0, file: file, objectPath: path)
        } catch {
            throw error.at(object: path)
        }
    }

    /// Every element's bytes, assembled from the layout, after the size has passed
    /// ``maximumReadBytes`` and the `MemoryBudget` (``checkBudget(bytes:)``); elements whose
    /// significant bits do not fill them (``bitField``) widened to full integers or IEEE floats.
    func rawBytes() throws(HDF5Error) -> [UInt8] {
        let bytes = try storedBytes()
        return bitField.map { $0.normalize(bytes, datatype: datatype) } ?? bytes
    }

    /// Every element's bytes as stored (after the filters), assembled from the layout.
    private func storedBytes() throws(HDF5Error) -> [UInt8] {
        let reader = file.reader
        let count = UInt64(elementCount)
        let (total, overflow) = count.multipliedReportingOverflow(by: UInt64(elementSize))
        guard !overflow, total <= HDF5Dataset.maximumReadBytes else {
            throw reader.error(.sizeTooLarge, at: header.address,
                               "dataset of \(shape) × \(elementSize) bytes exceeds the \(HDF5Dataset.maximumReadBytes)-byte read limit")
        }
        let size = Int(total)
        try checkBudget(bytes: size)
        switch layout.kind {
        case .compact(let data):
            guard data.count >= size else {
                throw reader.error(.truncated, at: header.address, "compact data of \(data.count) bytes, \(size) needed")
            }
            return Array(data.prefix(size))
        case .contiguous(let address, let stored):
            guard let address else { return fill(count: size) }
            guard stored >= total else {
                throw reader.error(.malformed, at: address, "contiguous storage of \(stored) bytes, \(size) needed")
            }
            return try reader.bytes(at: address, count: size, structure: "contiguous data")
        case .chunked(let chunked):
            return try assemble(chunked, size: size)
        }
    }

    /// Throws unless `bytes` for the elements, plus one uncompressed chunk for chunked data, fit
    /// the `MemoryBudget` in force.
    private func checkBudget(bytes: Int) throws(HDF5Error) {
        var chunkBytes = 0
        if case .chunked(let chunked) = layout.kind { chunkBytes = chunked.chunkBytes }
        let what = "\(path) of \(shape) × \(elementSize) bytes" + (chunkBytes > 0 ? " and a chunk of \(chunkBytes) bytes" : "")
        if let refusal = MemoryBudget.current.refusal(bytes: MemoryBudget.sum([bytes, chunkBytes]), for: what) {
            throw file.reader.error(.overMemoryBudget, at: header.address, refusal.description)
        }
    }

    /// A buffer of `count` bytes holding the fill value (zeros when none is defined).
    func fill(count: Int) -> [UInt8] {
        guard let fillValue, fillValue.count == elementSize, fillValue.contains(where: { $0 != 0 }) else {
            return [UInt8](repeating: 0, count: count)
        }
        var out = [UInt8]()
        out.reserveCapacity(count)
        while out.count + elementSize <= count { out.append(contentsOf: fillValue) }
        return out
    }

    /// Reads every stored chunk, undoes its filters and copies the part inside the dataset's
    /// extent (edge chunks overhang it) into a buffer pre-filled with the fill value.
    private func assemble(_ chunked: ChunkedLayout, size: Int) throws(HDF5Error) -> [UInt8] {
        let reader = file.reader
        var output = fill(count: size)
        guard size > 0 else { return output }
        guard chunked.elementSize == elementSize else {
            throw reader.error(.malformed, at: chunked.address, "chunk element size \(chunked.elementSize), datatype size \(elementSize)")
        }
        let index = ChunkIndex(reader: reader, layout: chunked, dims: shape, maxDims: maximumShape, filtered: !filters.isEmpty)
        let chunkShape = chunked.chunkDimensions
        let rank = shape.count
        for chunk in try index.chunks() {
            guard chunk.offsets.count == rank,
                  (0..<rank).allSatisfy({ chunk.offsets[$0] % chunkShape[$0] == 0 }) else {
                throw reader.error(.malformed, at: chunk.address, "chunk at \(chunk.offsets) not aligned to chunk shape \(chunkShape)")
            }
            if (0..<rank).contains(where: { chunk.offsets[$0] >= shape[$0] }) { continue }
            let stored = try reader.bytes(at: chunk.address, count: chunk.size, structure: "chunk")
            let data = filters.isEmpty
                ? stored
                : try HDF5Filter.decode(stored, filters: filters, mask: chunk.filterMask, expected: chunked.chunkBytes,
                                        elementSize: elementSize, place: ChunkPlace(reader: reader, address: chunk.address))
            guard data.count >= chunked.chunkBytes else {
                throw reader.error(.truncated, at: chunk.address, "chunk of \(data.count) bytes, \(chunked.chunkBytes) expected")
            }
            copy(data, chunkShape: chunkShape, at: chunk.offsets, into: &output)
        }
        return output
    }

    /// Copies the rows of a chunk that fall inside the dataset into `output`.
    private func copy(_ chunk: [UInt8], chunkShape: [Int], at offsets: [Int], into output: inout [UInt8]) {
        let rank = shape.count
        let last = rank - 1
        let run = min(chunkShape[last], shape[last] - offsets[last]) * elementSize
        // Row-major strides in elements, of the dataset and of the chunk.
        var datasetStride = Array(repeating: 1, count: rank)
        var chunkStride = Array(repeating: 1, count: rank)
        for d in stride(from: rank - 2, through: 0, by: -1) {
            datasetStride[d] = datasetStride[d + 1] * shape[d + 1]
            chunkStride[d] = chunkStride[d + 1] * chunkShape[d + 1]
        }
        let extent = (0..<rank).map { min(chunkShape[$0], shape[$0] - offsets[$0]) }
        var position = Array(repeating: 0, count: rank)
        chunk.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                while true {
                    var from = 0, to = 0
                    for d in 0..<rank {
                        from += position[d] * chunkStride[d]
                        to += (offsets[d] + position[d]) * datasetStride[d]
                    }
                    let s = from * elementSize, t = to * elementSize
                    for k in 0..<run { target[t + k] = source[s + k] }
                    guard advance(&position, within: extent, dimensions: last) else { break }
                }
            }
        }
    }
}
