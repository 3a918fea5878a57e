import CBackpropKernels

extension Matrix {
    /// The smallest storage worth huge pages: one 2 MiB page.
    public static var hugePageBytes: Int { 2 << 20 }

    /// Asks the system to back the matrix's storage with huge pages (`bp_advise_huge_pages`:
    /// Linux's transparent huge pages, asked for and collapsed now; nothing elsewhere). Only for
    /// storage of at least ``hugePageBytes``; the values are unchanged.
    ///
    /// - Returns: whether the pages were collapsed into huge pages.
    @discardableResult
    public mutating func adviseHugePages() -> Bool {
        let bytes = count * MemoryLayout<Scalar>.stride
        guard bytes >= Self.hugePageBytes else { return false }
        return withUnsafeMutableBufferPointer { bp_advise_huge_pages(UnsafeMutableRawPointer($0.baseAddress), bytes) != 0 }
    }
}
