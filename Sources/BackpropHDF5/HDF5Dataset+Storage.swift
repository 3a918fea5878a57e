extension HDF5Dataset {
    /// Where a contiguous dataset's elements lie in the file: the absolute byte offset of the
    /// first (after any user block) and the bytes of all of them, so that a reader can take a
    /// block of rows with one positioned read (streaming a dataset larger than memory).
    ///
    /// - Returns: nil for compact and chunked datasets, a null dataspace, or contiguous storage
    ///   that was never written.
    /// - Throws: ``HDF5Error`` when the storage runs past the end of the file or is smaller
    ///   than the shape.
    public func contiguousData() throws(HDF5Error) -> (offset: UInt64, count: Int)? {
        guard !isNull, case .contiguous(let address?, let stored) = layout.kind else { return nil }
        let (count, overflow) = elementCount.multipliedReportingOverflow(by: elementSize)
        guard !overflow, UInt64(count) <= stored else {
            throw file.reader.error(.malformed, at: address, "contiguous storage of \(stored) bytes, \(shape) × \(elementSize) needed")
        }
        return (try file.reader.absolute(address, count: count, structure: "contiguous data"), count)
    }
}
