/// The RFC 4180 tokenizer behind ``CSVFile``: splits text into records of fields.
///
/// Fields are separated by a one-byte delimiter; a field that starts with `"` is quoted and may
/// hold delimiters, line breaks and doubled quotes (`""` is one `"`). Records end at `\n`,
/// `\r\n` or `\r` outside quotes. Blank lines are skipped and a UTF-8 byte-order mark is
/// ignored. A quote inside an unquoted field is kept as text (as Python's csv module does).
struct CSVParser {
    /// One record and the 1-based line on which it starts.
    struct Record {
        var line: Int
        var fields: [String]
    }

    static func records(_ bytes: [UInt8], delimiter: UInt8, file: String) throws(FormatError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var index = bytes.starts(with: [0xef, 0xbb, 0xbf]) ? 3 : 0
        var fieldStarted = false  // whether the current record has any content yet

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            if fieldStarted || !fields.isEmpty {
                endField()
                records.append(Record(line: recordLine, fields: fields))
            }
            fields.removeAll()
            fieldStarted = false
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") && field.isEmpty {
                // A quoted field.
                let quoteLine = line
                let column = fields.count + 1
                fieldStarted = true
                index += 1
                var closed = false
                while index < bytes.count {
                    let inner = bytes[index]
                    if inner == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                            field.append(inner)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if inner == 0x0a || (inner == 0x0d && (index + 1 >= bytes.count || bytes[index + 1] != 0x0a)) { line += 1 }
                    field.append(inner)
                    index += 1
                }
                guard closed else {
                    throw FormatError(
                        .invalid, file: file, at: .line(quoteLine, column: column),
                        expected: "a closing quote for the field opened here", found: "the end of the file")
                }
                if index < bytes.count {
                    let next = bytes[index]
                    guard next == delimiter || next == 0x0a || next == 0x0d else {
                        throw FormatError(
                            .invalid, file: file, at: .line(line, column: column),
                            expected: "a delimiter or line end after a closing quote",
                            found: quoted(String(decoding: [next], as: UTF8.self)))
                    }
                }
                continue
            }
            if byte == delimiter {
                fieldStarted = true
                endField()
            } else if byte == 0x0a || byte == 0x0d {
                endRecord()
                if byte == 0x0d && index + 1 < bytes.count && bytes[index + 1] == 0x0a { index += 1 }
                line += 1
                recordLine = line
            } else {
                fieldStarted = true
                field.append(byte)
            }
            index += 1
        }
        endRecord()
        return records
    }
}
