import BackpropIO

extension JPEGState {
    /// Decodes one scan (SOS): its header, then the entropy-coded MCUs into `coefficients`.
    mutating func readScan(_ payload: ArraySlice<UInt8>, at position: Int) throws(FormatError) {
        guard frameSeen else { throw error(.invalid, "a frame header (SOF) before the scan", "a scan", at: position) }
        var header = ByteReader(Array(payload), file: file)
        let count = Int(try header.uint8("the scan component count"))
        guard (1...4).contains(count) else { throw error(.invalid, "1…4 scan components", "\(count)", at: position) }
        var scanComponents: [Int] = []
        for _ in 0..<count {
            let id = try header.uint8("a scan component id")
            let tables = try header.uint8("the scan tables")
            guard let index = components.firstIndex(where: { $0.id == id }) else {
                throw error(.invalid, "a component of the frame", "component id \(id)", at: position)
            }
            components[index].dcTable = Int(tables >> 4)
            components[index].acTable = Int(tables & 15)
            guard tables >> 4 < 4, tables & 15 < 4 else { throw error(.invalid, "Huffman tables 0…3", "\(tables >> 4), \(tables & 15)", at: position) }
            scanComponents.append(index)
        }
        let start = Int(try header.uint8("the spectral start"))
        let end = Int(try header.uint8("the spectral end"))
        let approximation = try header.uint8("the successive approximation")
        let high = Int(approximation >> 4), low = Int(approximation & 15)
        if progressive {
            let valid = (start == 0 && end == 0) || (start >= 1 && start <= end && end <= 63 && count == 1)
            guard valid, low <= 13 else {
                throw error(.invalid, "a valid progressive scan (Ss, Se, Al)", "Ss \(start), Se \(end), Al \(low), \(count) components", at: position)
            }
        }
        // Check that the tables this scan needs exist.
        for index in scanComponents {
            let component = components[index]
            let needsDC = !progressive || (start == 0 && high == 0)
            let needsAC = !progressive || start > 0
            if needsDC && dcTables[component.dcTable] == nil || needsAC && acTables[component.acTable] == nil {
                throw error(.invalid, "the Huffman tables the scan names (DHT)", "a missing table", at: position)
            }
            if quantTables[component.quantTable] == nil {
                throw error(.invalid, "quantization table \(component.quantTable) (DQT)", "none", at: position)
            }
        }

        var reader = JPEGBitReader(bytes, file: file, position: offset)
        for index in components.indices { components[index].dcPredictor = 0 }
        eobrun = 0
        let single = scanComponents.count == 1
        let first = components[scanComponents[0]]
        let blocksAcross = single ? (first.width + 7) / 8 : mcusPerLine
        let blocksDown = single ? (first.height + 7) / 8 : mcusPerColumn
        let mcuCount = blocksAcross * blocksDown
        for mcu in 0..<mcuCount {
            if reader.isPastEnd { throw truncatedScan(reader, mcu: mcu - 1, of: mcuCount) }
            if restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0 {
                try reader.restart()
                for index in components.indices { components[index].dcPredictor = 0 }
                eobrun = 0
            }
            let row = mcu / blocksAcross, column = mcu % blocksAcross
            if single {
                try decodeBlock(scanComponents[0], blockRow: row, blockColumn: column, reader: &reader,
                                start: start, end: end, high: high, low: low)
            } else {
                for index in scanComponents {
                    let component = components[index]
                    for v in 0..<component.v {
                        for h in 0..<component.h {
                            try decodeBlock(index, blockRow: row * component.v + v, blockColumn: column * component.h + h,
                                            reader: &reader, start: start, end: end, high: high, low: low)
                        }
                    }
                }
            }
        }
        if reader.isPastEnd { throw truncatedScan(reader, mcu: mcuCount - 1, of: mcuCount) }
        offset = reader.nextMarkerOffset()
    }

    /// The error for entropy-coded data that ended (at a marker or the end of the file) while
    /// MCU `mcu` (0-based) was decoded: the MCUs from there on are missing.
    func truncatedScan(_ reader: JPEGBitReader, mcu: Int, of count: Int) -> FormatError {
        let end = reader.hitMarker ? "a marker" : "the end of the file"
        return error(.truncated, "entropy-coded data for all \(count) MCUs of the scan",
                     "\(end) in MCU \(mcu + 1) of \(count)", at: reader.position)
    }

    /// Decodes one block's contribution from the current scan.
    mutating func decodeBlock(
        _ index: Int, blockRow: Int, blockColumn: Int, reader: inout JPEGBitReader,
        start: Int, end: Int, high: Int, low: Int
    ) throws(FormatError) {
        let component = components[index]
        let base = component.base + (blockRow * component.blocksPerLine + blockColumn) * 64
        if !progressive {
            try decodeSequential(index, base: base, reader: &reader)
        } else if start == 0 {
            if high == 0 {
                let category = try reader.decode(dcTables[component.dcTable]!)
                guard category <= 15 else { throw corrupt(reader) }
                components[index].dcPredictor += reader.receiveExtend(category)
                coefficients[base] = Int32(truncatingIfNeeded: components[index].dcPredictor << low)
            } else if reader.bit() == 1 {
                coefficients[base] |= Int32(1) << Int32(low)
            }
        } else if high == 0 {
            try decodeACFirst(component, base: base, reader: &reader, start: start, end: end, low: low)
        } else {
            try decodeACRefine(component, base: base, reader: &reader, start: start, end: end, low: low)
        }
    }

    func corrupt(_ reader: JPEGBitReader) -> FormatError {
        error(.invalid, "valid entropy-coded data", "a coefficient out of range (corrupt data)", at: reader.position)
    }

    /// A baseline/sequential block: DC difference, then run-length coded AC coefficients.
    mutating func decodeSequential(_ index: Int, base: Int, reader: inout JPEGBitReader) throws(FormatError) {
        let component = components[index]
        let category = try reader.decode(dcTables[component.dcTable]!)
        guard category <= 15 else { throw corrupt(reader) }
        components[index].dcPredictor += reader.receiveExtend(category)
        coefficients[base] = Int32(truncatingIfNeeded: components[index].dcPredictor)
        let table = acTables[component.acTable]!
        var k = 1
        while k < 64 {
            let rs = try reader.decode(table)
            let size = rs & 15, run = rs >> 4
            if size == 0 {
                if run == 15 { k += 16; continue }
                break
            }
            k += run
            guard k < 64 else { throw corrupt(reader) }
            coefficients[base + JPEGState.zigzag[k]] = Int32(reader.receiveExtend(size))
            k += 1
        }
    }

    /// The first AC scan of a band: values scaled by 2^low, with end-of-band runs.
    mutating func decodeACFirst(
        _ component: JPEGComponent, base: Int, reader: inout JPEGBitReader, start: Int, end: Int, low: Int
    ) throws(FormatError) {
        if eobrun > 0 {
            eobrun -= 1
            return
        }
        let table = acTables[component.acTable]!
        var k = start
        while k <= end {
            let rs = try reader.decode(table)
            let size = rs & 15, run = rs >> 4
            if size == 0 {
                if run < 15 {
                    eobrun = (1 << run) - 1
                    if run > 0 { eobrun += reader.bits(run) }
                    break
                }
                k += 16
                continue
            }
            k += run
            guard k <= end else { throw corrupt(reader) }
            coefficients[base + JPEGState.zigzag[k]] = Int32(reader.receiveExtend(size) * (1 << low))
            k += 1
        }
    }

    /// A refinement AC scan (libjpeg's `decode_mcu_AC_refine`): one more bit of every nonzero
    /// coefficient, and new coefficients of magnitude 2^low.
    mutating func decodeACRefine(
        _ component: JPEGComponent, base: Int, reader: inout JPEGBitReader, start: Int, end: Int, low: Int
    ) throws(FormatError) {
        let plus = Int32(1) << Int32(low), minus = Int32(-1) << Int32(low)
        var k = start
        @inline(__always) func refine(_ position: Int, _ reader: inout JPEGBitReader) {
            let value = coefficients[position]
            if reader.bit() == 1 && value & plus == 0 {
                coefficients[position] = value >= 0 ? value + plus : value + minus
            }
        }
        if eobrun == 0 {
            let table = acTables[component.acTable]!
            while k <= end {
                let rs = try reader.decode(table)
                var run = rs >> 4
                let size = rs & 15
                var value: Int32 = 0
                if size != 0 {
                    guard size == 1 else { throw corrupt(reader) }
                    value = reader.bit() == 1 ? plus : minus
                } else if run != 15 {
                    eobrun = 1 << run
                    if run > 0 { eobrun += reader.bits(run) }
                    break
                }
                while k <= end {
                    let position = base + JPEGState.zigzag[k]
                    if coefficients[position] != 0 {
                        refine(position, &reader)
                    } else {
                        if run == 0 { break }
                        run -= 1
                    }
                    k += 1
                }
                if value != 0 {
                    guard k <= end else { throw corrupt(reader) }
                    coefficients[base + JPEGState.zigzag[k]] = value
                }
                k += 1
            }
        }
        if eobrun > 0 {
            while k <= end {
                let position = base + JPEGState.zigzag[k]
                if coefficients[position] != 0 { refine(position, &reader) }
                k += 1
            }
            eobrun -= 1
        }
    }
}
