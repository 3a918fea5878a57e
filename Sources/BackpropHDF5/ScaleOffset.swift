#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// HDF5's scale-offset filter (filter 6, h5py's `scaleoffset=N`): integers stored as their
/// difference from the chunk's minimum in `minbits` bits; floats (D-scaling) as
/// `round((x - min) × 10^D)` in `minbits` bits, read back as `packed / 10^D + min`, lossy.
///
/// The 20 parameters (cd_values), as HDF5 sets them for a dataset:
///
/// ```
/// [0] scale type: 0 float D-scaling, 1 float E-scaling (never implemented by HDF5), 2 integer
/// [1] scale factor: D for floats; for integers the fixed minbits (0: computed per chunk)
/// [2] elements per chunk     [3] class: 0 integer, 1 float     [4] element size in bytes
/// [5] sign: 0 unsigned, 1 two's complement                     [6] byte order: 0 LE, 1 BE
/// [7] fill value defined: 0 no, 1 yes
/// [8...] the fill value's bytes, little-endian, 4 to a parameter
/// ```
///
/// A chunk starts with a 21-byte header, then the packed values:
///
/// ```
/// [0..<4]   minbits, UInt32 little-endian (0: every element is the minimum)
/// [4]       n, the size of the minimum (8)
/// [5..<5+n] the minimum, little-endian: an integer, or the bits of a float/double in its low bytes
/// [21...]   one field of minbits bits per element, most significant bit first (``PackedBits``);
///           with a fill value defined, the all-ones field stands for the fill value;
///           minbits == element bits: the elements themselves, little-endian
/// ```
///
/// Values are computed little-endian and byte-swapped for a big-endian dataset, as HDF5 does on
/// a little-endian machine (where h5py writes them).
enum ScaleOffset {
    /// The parameters that matter for decoding.
    struct Parameters {
        var isFloat: Bool
        var decimalScale: Int32
        var count: Int
        var size: Int
        var bigEndian: Bool
        /// The fill value's bits (little-endian), when one is defined.
        var fill: UInt64?
        /// A fixed minbits equal to the element size: the chunk is stored as it is.
        var isPassThrough: Bool
    }

    /// The chunk's elements, in the dataset's byte order: `expected` bytes.
    ///
    /// - Throws: ``FilterFailure``: `.malformed` for parameters that are not HDF5's or disagree
    ///   with the chunk size, `.unsupportedFeature` for E-scaling, `.decompressionFailed` for a
    ///   header or packed data that is cut short or says more bits than an element holds.
    static func decode(_ input: [UInt8], parameters values: [UInt32], expected: Int) throws(FilterFailure) -> [UInt8] {
        let p = try parse(values, expected: expected)
        if p.isPassThrough { return input }
        guard input.count >= 21 else { throw failure("chunk of \(input.count) bytes, shorter than the 21-byte header") }
        let minbits = Int(UInt32(input[0]) | UInt32(input[1]) << 8 | UInt32(input[2]) << 16 | UInt32(input[3]) << 24)
        var minimum: UInt64 = 0
        for k in 0..<min(8, Int(input[4])) { minimum |= UInt64(input[5 + k]) << UInt64(8 * k) }
        guard minbits <= p.size * 8 else { throw failure("minbits \(minbits) for \(p.size)-byte elements") }
        if minbits == p.size * 8 { return try stored(input, p) }
        guard PackedBits.fits(p.count, width: minbits, in: input, start: 21) else {
            throw failure("\(p.count) values of \(minbits) bits do not fit \(input.count - 21) bytes")
        }
        var bits = PackedBits(input, start: 21)
        var output = [UInt8](repeating: 0, count: expected)
        let fillMark: UInt64 = (1 << UInt64(minbits)) - 1
        for i in 0..<p.count {
            let packed = bits.read(minbits)
            let value: UInt64
            if let fill = p.fill, packed == fillMark {
                value = fill
            } else {
                value = p.isFloat ? unscale(packed, minimum: minimum, p) : packed &+ minimum
            }
            storeElement(value, size: p.size, bigEndian: p.bigEndian, into: &output, at: i * p.size)
        }
        return output
    }

    /// Checks the parameters against HDF5's rules and the chunk size.
    static func parse(_ v: [UInt32], expected: Int) throws(FilterFailure) -> Parameters {
        guard v.count == 20 else { throw malformed("\(v.count) parameters, expected 20") }
        guard v[3] <= 1 else { throw malformed("datatype class \(v[3]) (0 integer, 1 float)") }
        let isFloat = v[3] == 1
        let size = Int(v[4])
        guard (isFloat ? [4, 8] : [1, 2, 4, 8]).contains(size) else {
            throw malformed("\(isFloat ? "float" : "integer") of \(size) bytes")
        }
        guard v[6] <= 1 else { throw malformed("byte order \(v[6]) (0 little-endian, 1 big-endian)") }
        guard Int(v[2]) == expected / size, expected % size == 0 else {
            throw malformed("\(v[2]) elements of \(size) bytes, the chunk holds \(expected) bytes")
        }
        let factor = Int32(bitPattern: v[1])
        if isFloat {
            guard v[0] != 1 else { throw FilterFailure(.unsupportedFeature("scale-offset E-scaling"), "scale-offset: E-scaling (HDF5 never implemented it)") }
            guard v[0] == 0 else { throw malformed("scale type \(v[0]) for floats (0 D-scaling)") }
        } else {
            guard v[0] == 2 else { throw malformed("scale type \(v[0]) for integers (2)") }
            guard factor <= Int32(size * 8) else { throw malformed("\(factor) bits for \(size)-byte integers") }
        }
        var fill: UInt64?
        if v[7] == 1 { fill = (UInt64(v[8]) | UInt64(v[9]) << 32) & mask(bytes: size) }
        return Parameters(isFloat: isFloat, decimalScale: factor, count: Int(v[2]), size: size, bigEndian: v[6] == 1,
                          fill: fill, isPassThrough: !isFloat && factor == Int32(size * 8))
    }

    /// minbits equal to the element size: the elements follow the header, little-endian.
    private static func stored(_ input: [UInt8], _ p: Parameters) throws(FilterFailure) -> [UInt8] {
        let count = p.count * p.size
        guard input.count - 21 >= count else { throw failure("\(input.count - 21) bytes of data after the header, \(count) expected") }
        var output = Array(input[21..<(21 + count)])
        if p.bigEndian {
            for start in stride(from: 0, to: count, by: p.size) { output[start..<(start + p.size)].reverse() }
        }
        return output
    }

    /// `packed / 10^D + min` in the element's precision (float arithmetic for float32, as
    /// HDF5's `powf`), as bits. `packed` has fewer bits than the element, so it is positive.
    private static func unscale(_ packed: UInt64, minimum: UInt64, _ p: Parameters) -> UInt64 {
        if p.size == 4 {
            let min = Float(bitPattern: UInt32(truncatingIfNeeded: minimum))
            let x = Float(Int32(truncatingIfNeeded: packed)) / powf(10, Float(p.decimalScale)) + min
            return UInt64(x.bitPattern)
        }
        let min = Double(bitPattern: minimum)
        return (Double(Int64(bitPattern: packed)) / pow(10, Double(p.decimalScale)) + min).bitPattern
    }

    private static func mask(bytes: Int) -> UInt64 { bytes >= 8 ? .max : (1 << UInt64(8 * bytes)) - 1 }

    private static func malformed(_ found: String) -> FilterFailure { FilterFailure(.malformed, "scale-offset parameters: " + found) }

    private static func failure(_ found: String) -> FilterFailure { FilterFailure(.decompressionFailed, "scale-offset: " + found) }
}
