import BackpropIO

/// Reads the orientation tag (0x0112) from a JPEG's APP1 EXIF segment.
enum JPEGExif {
    /// The EXIF orientation 1...8, or nil when the segment is not EXIF or has no valid tag.
    /// Malformed EXIF is ignored (the image still decodes), never trusted past its bounds.
    static func orientation(_ payload: [UInt8]) -> Int? {
        guard payload.count >= 14, payload.starts(with: Array("Exif".utf8) + [0, 0]) else { return nil }
        let tiff = Array(payload[6...])
        let little: Bool
        switch (tiff[0], tiff[1]) {
        case (0x49, 0x49): little = true
        case (0x4d, 0x4d): little = false
        default: return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= tiff.count else { return nil }
            return little ? Int(tiff[at]) | Int(tiff[at + 1]) << 8 : Int(tiff[at]) << 8 | Int(tiff[at + 1])
        }
        func u32(_ at: Int) -> Int? {
            guard let a = u16(at), let b = u16(at + 2) else { return nil }
            return little ? a | b << 16 : a << 16 | b
        }
        guard u16(2) == 42, let ifd = u32(4), let count = u16(ifd) else { return nil }
        for entry in 0..<count {
            let at = ifd + 2 + entry * 12
            guard let tag = u16(at) else { return nil }
            if tag == 0x0112, u16(at + 2) == 3, let value = u16(at + 8), (1...8).contains(value) { return value }
        }
        return nil
    }
}

extension Image {
    /// The image turned upright for an EXIF orientation (1 = as stored; 2 mirror; 3 rotate
    /// 180°; 4 flip; 5 transpose; 6 rotate 90° clockwise; 7 transverse; 8 rotate 90°
    /// counter-clockwise), as Pillow's `ImageOps.exif_transpose`. Other values change nothing.
    public func oriented(exifOrientation orientation: Int) -> Image {
        guard (2...8).contains(orientation) else { return self }
        let swaps = orientation >= 5
        let outWidth = swaps ? height : width, outHeight = swaps ? width : height
        func source(_ x: Int, _ y: Int) -> (Int, Int) {
            switch orientation {
            case 2: (width - 1 - x, y)
            case 3: (width - 1 - x, height - 1 - y)
            case 4: (x, height - 1 - y)
            case 5: (y, x)
            case 6: (y, height - 1 - x)
            case 7: (width - 1 - y, height - 1 - x)
            default: (width - 1 - y, x)
            }
        }
        func remap<T>(_ samples: [T]) -> [T] {
            var out = [T]()
            out.reserveCapacity(samples.count)
            for y in 0..<outHeight {
                for x in 0..<outWidth {
                    let (sx, sy) = source(x, y)
                    let base = (sy * width + sx) * channels
                    out += samples[base..<(base + channels)]
                }
            }
            return out
        }
        switch pixels {
        case .uint8(let samples): return Image(width: outWidth, height: outHeight, channels: channels, pixels: .uint8(remap(samples)))
        case .float(let samples): return Image(width: outWidth, height: outHeight, channels: channels, pixels: .float(remap(samples)))
        }
    }
}
