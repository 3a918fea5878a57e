/// The shape of a dataset or attribute (HDF5 specification IV.A.2.b).
struct Dataspace: Sendable, Equatable {
    enum Kind: Sendable { case scalar, simple, null }
    var kind: Kind
    /// Current dimensions (empty for scalar and null).
    var dimensions: [UInt64]
    /// Maximum dimensions; `UInt64.max` marks an unlimited dimension. Equal to `dimensions`
    /// when the file stores none.
    var maximumDimensions: [UInt64]

    /// The most dimensions accepted (HDF5's own limit is 32).
    static let maximumRank = 32

    /// The number of elements: 1 for scalar, 0 for null, the product of the dimensions otherwise.
    var elementCount: UInt64 {
        switch kind {
        case .scalar: return 1
        case .null: return 0
        case .simple: return dimensions.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? .max : $0 * $1 }
        }
    }

    static func parse(_ c: inout HDF5ByteReader) throws(HDF5Error) -> Dataspace {
        let start = c.position
        let version = Int(try c.uint8())
        let rank = Int(try c.uint8())
        let flags = try c.uint8()
        guard rank <= maximumRank else { throw c.error(.sizeTooLarge, "rank \(rank) above \(maximumRank)", at: start + 1) }
        var kind: Kind = rank == 0 ? .scalar : .simple
        switch version {
        case 1:
            try c.skip(5)
        case 2:
            let type = try c.uint8()
            switch type {
            case 0: kind = .scalar
            case 1: kind = .simple
            case 2: kind = .null
            default: throw c.error(.malformed, "dataspace type \(type)", at: start + 3)
            }
        default:
            throw c.error(.unsupportedVersion(structure: "dataspace", version: version), "versions 1 and 2 are supported", at: start)
        }
        var dimensions: [UInt64] = []
        for _ in 0..<rank { dimensions.append(try c.length()) }
        var maximum = dimensions
        if flags & 0x01 != 0 {
            maximum = []
            for _ in 0..<rank {
                let value = try c.length()
                let unlimited: UInt64 = c.lengthSize >= 8 ? .max : (UInt64(1) << (8 * UInt64(c.lengthSize))) - 1
                maximum.append(value == unlimited ? .max : value)
            }
        }
        if kind != .simple { dimensions = []; maximum = [] }
        return Dataspace(kind: kind, dimensions: dimensions, maximumDimensions: maximum)
    }
}
