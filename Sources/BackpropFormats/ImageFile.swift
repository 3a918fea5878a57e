import BackpropIO

/// Reads an image file of any supported format, chosen by its first bytes (PNG or JPEG) or,
/// when those are damaged, by its extension.
public enum ImageFile {
    /// The file extensions recognised as images (lower case).
    public static let extensions: Set<String> = ["png", "jpg", "jpeg"]

    /// Reads the PNG or JPEG file at `path`. JPEGs are turned upright per their EXIF orientation.
    ///
    /// - Throws: ``FormatError``: unreadable file, neither PNG nor JPEG, or any decoding error.
    public static func read(path: String) throws(FormatError) -> Image {
        try read(bytes: FileAccess.read(path, expecting: "an image (PNG or JPEG)", accepting: [.png, .jpeg]), file: path)
    }

    /// Reads PNG or JPEG bytes held in memory; `file` names them in errors.
    public static func read(bytes: [UInt8], file: String = "<bytes>") throws(FormatError) -> Image {
        switch try format(of: bytes, file: file) {
        case .png: try PNGDecoder.decode(bytes, file: file).image
        case .jpeg: try JPEGDecoder.decode(bytes, file: file)
        }
    }

    /// Reads the image at `path` already converted to `shape.channels` and resized to
    /// `shape.width` × `shape.height`: the same image as
    /// `read(path:).converted(toChannels:).resized(width:height:method:)` (bit for bit for PNG
    /// and JPEG; ImageBudgetTests), without holding the full-size image where the format
    /// allows: PNG rows and JPEG output rows are added into the small image as they are
    /// decoded. What must be held (a JPEG's coefficients, an interlaced PNG) is checked
    /// against `MemoryBudget/current` first.
    ///
    /// - Precondition: the shape is positive with 1...4 channels.
    /// - Throws: ``FormatError`` as ``read(path:)``, and `.tooLarge` naming the file, the size
    ///   needed and the budget.
    public static func read(path: String, fitting shape: ImageShape, method: ResizeMethod = .area) throws(FormatError) -> Image {
        try read(bytes: FileAccess.read(path, expecting: "an image (PNG or JPEG)", accepting: [.png, .jpeg]), file: path, fitting: shape, method: method)
    }

    /// ``read(path:fitting:method:)`` on bytes held in memory; `file` names them in errors.
    public static func read(
        bytes: [UInt8], file: String = "<bytes>", fitting shape: ImageShape, method: ResizeMethod = .area
    ) throws(FormatError) -> Image {
        precondition(shape.width > 0 && shape.height > 0 && (1...4).contains(shape.channels),
                     "ImageFile.read: shape \(shape) must be positive with 1...4 channels")
        switch try format(of: bytes, file: file) {
        case .png: return try PNGDecoder.decode(bytes, file: file, fitting: shape, method: method)
        case .jpeg: return try JPEGDecoder.decode(bytes, file: file, fitting: shape, method: method)
        }
    }

    enum Format { case png, jpeg }

    /// The format by signature; a damaged signature in a file named `.png`, `.jpg` or `.jpeg`
    /// is that format (so its decoder reports the bad signature as damage, `.invalid`).
    ///
    /// - Throws: `.unsupported` for bytes that are neither and a name that says neither.
    static func format(of bytes: [UInt8], file: String) throws(FormatError) -> Format {
        if bytes.starts(with: PNGDecoder.signature) { return .png }
        if bytes.starts(with: [0xff, 0xd8]) { return .jpeg }
        let name = file.split(separator: "/").last ?? ""
        let fileExtension = name.contains(".") ? (name.split(separator: ".").last.map { $0.lowercased() } ?? "") : ""
        if fileExtension == "png" { return .png }
        if fileExtension == "jpg" || fileExtension == "jpeg" { return .jpeg }
        throw FormatError(.unsupported, file: file, at: .byte(0), expected: "a PNG or JPEG image", found: hexBytes(bytes.prefix(8)))
    }
}
