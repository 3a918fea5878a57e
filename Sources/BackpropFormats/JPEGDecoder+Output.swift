import BackpropIO

extension JPEGState {
    /// Turns the decoded coefficients into pixels: inverse DCT per block, chroma upsampling,
    /// colour conversion.
    func output() throws(FormatError) -> Image {
        let channels = components.count == 1 ? 1 : 3
        let what = "the \(width)×\(height) JPEG decoded in full"
        let size = MemoryBudget.size(shape: [width, height, channels], elementSize: 2)
        if let refusal = MemoryBudget.current.refusal(bytes: size, for: what) { throw FormatError(refusal, file: file) }
        var samples = [UInt8]()
        samples.reserveCapacity(width * height * channels)
        try outputRows { row, _ in samples += row }
        return Image(width: width, height: height, channels: channels, samples: samples)
    }

    /// The pixels row by row, top first: `body` gets each row's `width · channels` 8-bit
    /// samples and the channel count (1 gray, 3 RGB). Only the sample planes of the components
    /// are held, never the full-size image.
    func outputRows(_ body: ([UInt8], Int) -> Void) throws(FormatError) {
        guard frameSeen else { throw error(.truncated, "a frame header (SOF)", "none") }
        var planes: [[UInt8]] = []
        for component in components {
            guard let table = quantTables[component.quantTable] else {
                throw error(.invalid, "quantization table \(component.quantTable) (DQT)", "none")
            }
            planes.append(JPEGState.inverseTransform(component, coefficients: coefficients, quant: table))
        }
        if components.count == 1 {
            let stride = components[0].blocksPerLine * 8
            for y in 0..<height { body(Array(planes[0][(y * stride)..<(y * stride + width)]), 1) }
            return
        }
        // Adobe transform 0, or components named R, G, B: already RGB.
        let isRGB = adobeTransform == 0 || components.map(\.id) == [0x52, 0x47, 0x42]
        var full = [[UInt8]](repeating: [UInt8](repeating: 0, count: width), count: components.count)
        var rgb = [UInt8](repeating: 0, count: width * 3)
        for y in 0..<height {
            for index in components.indices { upsampleRow(y, plane: planes[index], component: components[index], into: &full[index]) }
            for x in 0..<width {
                let (r, g, b) = isRGB ? (full[0][x], full[1][x], full[2][x]) : JPEGState.ycbcrToRGB(full[0][x], full[1][x], full[2][x])
                rgb[3 * x] = r
                rgb[3 * x + 1] = g
                rgb[3 * x + 2] = b
            }
            body(rgb, 3)
        }
    }

    /// libjpeg's fixed-point YCbCr → RGB (`ycc_rgb_convert`, 16 fractional bits).
    @inline(__always)
    static func ycbcrToRGB(_ y: UInt8, _ cb: UInt8, _ cr: UInt8) -> (UInt8, UInt8, UInt8) {
        let luma = Int(y), blue = Int(cb) - 128, red = Int(cr) - 128
        let half = 1 << 15
        let r = luma + ((91881 * red + half) >> 16)                    // FIX(1.40200)
        let g = luma + ((-22554 * blue + half - 46802 * red) >> 16)    // FIX(0.34414), FIX(0.71414)
        let b = luma + ((116130 * blue + half) >> 16)                  // FIX(1.77200)
        return (clamp(r), clamp(g), clamp(b))
    }

    @inline(__always)
    static func clamp(_ value: Int) -> UInt8 { UInt8(Swift.min(Swift.max(value, 0), 255)) }

    /// Row `y` of one component at full resolution (`width` samples), upsampled as libjpeg
    /// does by default: triangular ("fancy") for 2×1 and 2×2 subsampling when the component is
    /// wider than 2 samples, replication otherwise.
    func upsampleRow(_ y: Int, plane: [UInt8], component: JPEGComponent, into out: inout [UInt8]) {
        let stride = component.blocksPerLine * 8
        let hFactor = hMax / component.h, vFactor = vMax / component.v
        let lastColumn = component.width - 1, lastRow = component.height - 1
        func sample(_ row: Int, _ column: Int) -> Int { Int(plane[Swift.min(Swift.max(row, 0), lastRow) * stride + column]) }
        let fancy = component.width > 2 && vFactor <= 2 && hFactor == 2
        let inRow = y / vFactor
        for x in 0..<width {
            let inColumn = x / hFactor
            guard fancy else {
                out[x] = plane[inRow * stride + inColumn]
                continue
            }
            let value: Int
            if vFactor == 1 {
                let here = sample(inRow, inColumn) * 3
                if x % 2 == 0 {
                    value = inColumn == 0 ? here / 3 : (here + sample(inRow, inColumn - 1) + 1) >> 2
                } else {
                    value = inColumn == lastColumn ? here / 3 : (here + sample(inRow, inColumn + 1) + 2) >> 2
                }
            } else {
                let neighbour = y % 2 == 0 ? inRow - 1 : inRow + 1
                func columnSum(_ column: Int) -> Int { sample(inRow, column) * 3 + sample(neighbour, column) }
                let this = columnSum(inColumn)
                if x % 2 == 0 {
                    value = inColumn == 0 ? (this * 4 + 8) >> 4 : (this * 3 + columnSum(inColumn - 1) + 8) >> 4
                } else {
                    value = inColumn == lastColumn ? (this * 4 + 7) >> 4 : (this * 3 + columnSum(inColumn + 1) + 7) >> 4
                }
            }
            out[x] = UInt8(value)
        }
    }

    /// Every block of a component through the inverse DCT, into a plane of
    /// (blocksPerColumn · 8) rows of (blocksPerLine · 8) samples.
    static func inverseTransform(_ component: JPEGComponent, coefficients: [Int32], quant: [Int32]) -> [UInt8] {
        let stride = component.blocksPerLine * 8
        var plane = [UInt8](repeating: 0, count: stride * component.blocksPerColumn * 8)
        var block = [Int](repeating: 0, count: 64)
        var workspace = [Int](repeating: 0, count: 64)
        for blockRow in 0..<component.blocksPerColumn {
            for blockColumn in 0..<component.blocksPerLine {
                let base = component.base + (blockRow * component.blocksPerLine + blockColumn) * 64
                for i in 0..<64 { block[i] = Int(coefficients[base + i]) * Int(quant[i]) }
                idctIslow(block, workspace: &workspace) { row, column, value in
                    plane[(blockRow * 8 + row) * stride + blockColumn * 8 + column] = value
                }
            }
        }
        return plane
    }

    /// libjpeg's accurate integer inverse DCT (`jpeg_idct_islow`, jidctint.c): the
    /// Loeffler–Ligtenberg–Moschytz algorithm with 13-bit constants, columns then rows, output
    /// shifted by +128 and clamped to 0...255. `input` holds dequantised coefficients in natural
    /// order.
    @inline(__always)
    static func idctIslow(_ input: [Int], workspace: inout [Int], store: (Int, Int, UInt8) -> Void) {
        let constBits = 13, pass1Bits = 2
        func descale(_ x: Int, _ n: Int) -> Int { (x + (1 << (n - 1))) >> n }
        // Pass 1: columns.
        for column in 0..<8 {
            if input[8 + column] == 0 && input[16 + column] == 0 && input[24 + column] == 0 && input[32 + column] == 0
                && input[40 + column] == 0 && input[48 + column] == 0 && input[56 + column] == 0 {
                let dc = input[column] << pass1Bits
                for row in 0..<8 { workspace[row * 8 + column] = dc }
                continue
            }
            let values = (0..<8).map { input[$0 * 8 + column] }
            let result = butterfly(values, constBits: constBits)
            for row in 0..<8 { workspace[row * 8 + column] = descale(result[row], constBits - pass1Bits) }
        }
        // Pass 2: rows.
        for row in 0..<8 {
            let values = Array(workspace[(row * 8)..<(row * 8 + 8)])
            let result = butterfly(values, constBits: constBits)
            for column in 0..<8 {
                store(row, column, clamp(descale(result[column], constBits + pass1Bits + 3) + 128))
            }
        }
    }

    /// The 8-point LLM butterfly of jidctint.c, before descaling.
    @inline(__always)
    static func butterfly(_ v: [Int], constBits: Int) -> [Int] {
        // Even part.
        var z2 = v[2], z3 = v[6]
        var z1 = (z2 + z3) * 4433                    // FIX_0_541196100
        var tmp2 = z1 + z3 * -15137                  // FIX_1_847759065
        var tmp3 = z1 + z2 * 6270                    // FIX_0_765366865
        z2 = v[0]
        z3 = v[4]
        var tmp0 = (z2 + z3) << constBits
        var tmp1 = (z2 - z3) << constBits
        let tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2
        // Odd part.
        tmp0 = v[7]
        tmp1 = v[5]
        tmp2 = v[3]
        tmp3 = v[1]
        z1 = tmp0 + tmp3
        z2 = tmp1 + tmp2
        z3 = tmp0 + tmp2
        var z4 = tmp1 + tmp3
        let z5 = (z3 + z4) * 9633                    // FIX_1_175875602
        tmp0 *= 2446                                 // FIX_0_298631336
        tmp1 *= 16819                                // FIX_2_053119869
        tmp2 *= 25172                                // FIX_3_072711026
        tmp3 *= 12299                                // FIX_1_501321110
        z1 *= -7373                                  // FIX_0_899976223
        z2 *= -20995                                 // FIX_2_562915447
        z3 *= -16069                                 // FIX_1_961570560
        z4 *= -3196                                  // FIX_0_390180644
        z3 += z5
        z4 += z5
        tmp0 += z1 + z3
        tmp1 += z2 + z4
        tmp2 += z2 + z3
        tmp3 += z1 + z4
        return [tmp10 + tmp3, tmp11 + tmp2, tmp12 + tmp1, tmp13 + tmp0, tmp13 - tmp0, tmp12 - tmp1, tmp11 - tmp2, tmp10 - tmp3]
    }
}
