/// HDF5's n-bit filter (filter 5): of each element only its `precision` significant bits are
/// stored, packed back to back; decoding puts them back at bit `offset` of a zeroed element.
/// The datatype (integer or float with that precision and offset, ``BitField``) then gives the
/// value.
///
/// The parameters (cd_values), as HDF5 sets them for an atomic datatype:
///
/// ```
/// [0] number of parameters (8)     [1] 1: nothing to do (full precision), the chunk is stored as it is
/// [2] elements per chunk           [3] class: 1 atomic, 2 array, 3 compound, 4 no-op
/// [4] element size in bytes        [5] byte order: 0 little-endian, 1 big-endian
/// [6] precision in bits            [7] offset of the lowest significant bit
/// ```
///
/// The chunk holds one field of `precision` bits per element, most significant bit first
/// (``PackedBits``). Array and compound datatypes (their members described by further
/// parameters) are refused as unsupported.
enum NBit {
    /// The chunk's elements, in the dataset's byte order: `expected` bytes.
    ///
    /// - Throws: ``FilterFailure``: `.unsupportedFeature` for array, compound and no-op classes
    ///   and elements over 8 bytes, `.malformed` for parameters that are not HDF5's or disagree
    ///   with the chunk size, `.decompressionFailed` when the packed bits are cut short.
    static func decode(_ input: [UInt8], parameters v: [UInt32], expected: Int) throws(FilterFailure) -> [UInt8] {
        guard v.count >= 4, Int(v[0]) == v.count else { throw malformed("\(v.count) parameters, the first says \(v.first ?? 0)") }
        if v[1] != 0 { return input }
        let classNames: [UInt32: String] = [2: "array", 3: "compound", 4: "no-op"]
        if let name = classNames[v[3]] {
            throw FilterFailure(.unsupportedFeature("n-bit filter on \(name) datatype"),
                                "n-bit: \(name) datatypes are not implemented (integers and floats are)")
        }
        guard v[3] == 1, v.count == 8 else { throw malformed("class \(v[3]) with \(v.count) parameters (atomic: 1 with 8)") }
        let count = Int(v[2]), size = Int(v[4]), precision = Int(v[6]), offset = Int(v[7])
        guard (1...8).contains(size) else {
            throw FilterFailure(.unsupportedFeature("n-bit filter on \(size)-byte elements"), "n-bit: elements of 1 to 8 bytes are read")
        }
        guard v[5] <= 1, v[6] <= 64, v[7] <= 64, precision >= 1, precision + offset <= size * 8 else {
            throw malformed("byte order \(v[5]), \(v[6]) bits at bit \(v[7]) of \(size)-byte elements")
        }
        guard count == expected / size, expected % size == 0 else {
            throw malformed("\(count) elements of \(size) bytes, the chunk holds \(expected) bytes")
        }
        guard PackedBits.fits(count, width: precision, in: input, start: 0) else {
            throw FilterFailure(.decompressionFailed, "n-bit: \(count) values of \(precision) bits do not fit \(input.count) bytes")
        }
        var bits = PackedBits(input, start: 0)
        var output = [UInt8](repeating: 0, count: expected)
        for i in 0..<count {
            let value = bits.read(precision) << UInt64(offset)
            storeElement(value, size: size, bigEndian: v[5] == 1, into: &output, at: i * size)
        }
        return output
    }

    private static func malformed(_ found: String) -> FilterFailure { FilterFailure(.malformed, "n-bit parameters: " + found) }
}
