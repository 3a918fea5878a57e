import BackpropIO

/// Reads an image file of any supported format, chosen by its first bytes (PNG or JPEG).
public enum ImageFile {
    /// The file extensions recognised as images (lower case).
    public static let extensions: Set<String> = ["png", "jpg", "jpeg"]

    /// Reads the PNG or JPEG file at `path`. JPEGs are turned upright per their EXIF orientation.
    ///
    /// - Throws: ``FormatError``: unreadable file, neither PNG nor JPEG, or any decoding error.
    public static func read(path: String) throws(FormatError) -> Image {
        try read(bytes: FileAccess.read(path), file: path)
    }

    /// Reads PNG or JPEG bytes held in memory; `file` names them in errors.
    public static func read(bytes: [UInt8], file: String = "<bytes>") throws(FormatError) -> Image {
        if bytes.starts(with: PNGDecoder.signature) { return try PNGDecoder.decode(bytes, file: file).image }
        if bytes.starts(with: [0xff, 0xd8]) { return try JPEGDecoder.decode(bytes, file: file) }
        throw FormatError(.unsupported, file: file, at: .byte(0), expected: "a PNG or JPEG image", found: hexBytes(bytes.prefix(8)))
    }
}
