import BackpropIO

/// The small, strict JSON reader and writer the safetensors header needs.
///
/// Foundation's JSON parser silently keeps one of two equal keys; the safetensors format forbids
/// duplicate tensor names, so the header is parsed here, keeping every key in order. Nesting is
/// bounded (``maximumDepth``) so a hostile header cannot exhaust the stack.
enum SafeTensorsJSON: Equatable {
    case object([(key: String, value: SafeTensorsJSON)])
    case array([SafeTensorsJSON])
    case string(String)
    /// The number's text as written (integers are checked by the caller).
    case number(String)
    case bool(Bool)
    case null

    static let maximumDepth = 16

    static func == (lhs: SafeTensorsJSON, rhs: SafeTensorsJSON) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)), (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// A short name of the value's kind for error messages.
    var kind: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string(let s): "the string \"\(s.prefix(40))\""
        case .number(let n): "the number \(n)"
        case .bool(let b): "\(b)"
        case .null: "null"
        }
    }

    /// Parses `bytes` (UTF-8 JSON text, trailing spaces allowed) or throws a ``FormatError`` whose
    /// byte offset is `baseOffset` plus the position in `bytes`.
    static func parse(_ bytes: ArraySlice<UInt8>, file: String, baseOffset: Int) throws(FormatError) -> SafeTensorsJSON {
        var parser = Parser(bytes: Array(bytes), file: file, base: baseOffset)
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        if parser.position != parser.bytes.count {
            throw parser.error(expected: "the end of the JSON header", found: parser.describeHere())
        }
        return value
    }

    /// JSON text of a string, with the escapes JSON requires.
    static func quote(_ text: String) -> String {
        let escaped = replacingScalars(in: text) { scalar in
            switch scalar {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            default:
                guard scalar.value < 0x20 else { return nil }
                let hex = String(scalar.value, radix: 16)
                return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return "\"" + escaped + "\""
    }

    private struct Parser {
        let bytes: [UInt8]
        let file: String
        let base: Int
        var position = 0

        init(bytes: [UInt8], file: String, base: Int) {
            self.bytes = bytes
            self.file = file
            self.base = base
        }

        func error(expected: String, found: String) -> FormatError {
            FormatError(.invalid, file: file, at: .byte(base + position), expected: expected, found: found)
        }

        func describeHere() -> String {
            guard position < bytes.count else { return "the end of the header" }
            let excerpt = bytes[position..<min(bytes.count, position + 20)]
            return "\"" + String(decoding: excerpt, as: UTF8.self) + "\""
        }

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(FormatError) {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == byte else {
                throw error(expected: what, found: describeHere())
            }
            position += 1
        }

        mutating func value(depth: Int) throws(FormatError) -> SafeTensorsJSON {
            guard depth < SafeTensorsJSON.maximumDepth else {
                throw error(expected: "at most \(SafeTensorsJSON.maximumDepth) nested levels", found: "deeper nesting")
            }
            skipWhitespace()
            guard position < bytes.count else { throw error(expected: "a JSON value", found: "the end of the header") }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                position += 1
                var members: [(key: String, value: SafeTensorsJSON)] = []
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
                while true {
                    skipWhitespace()
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                        throw error(expected: "a quoted key", found: describeHere())
                    }
                    let key = try string()
                    try expect(UInt8(ascii: ":"), "':' after a key")
                    members.append((key, try value(depth: depth + 1)))
                    skipWhitespace()
                    if position < bytes.count, bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                    try expect(UInt8(ascii: "}"), "',' or '}' in an object")
                    return .object(members)
                }
            case UInt8(ascii: "["):
                position += 1
                var elements: [SafeTensorsJSON] = []
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
                while true {
                    elements.append(try value(depth: depth + 1))
                    skipWhitespace()
                    if position < bytes.count, bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                    try expect(UInt8(ascii: "]"), "',' or ']' in an array")
                    return .array(elements)
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return .number(try number())
            default:
                for (word, value) in [("true", SafeTensorsJSON.bool(true)), ("false", .bool(false)), ("null", .null)] {
                    let utf8 = Array(word.utf8)
                    if bytes.count - position >= utf8.count, Array(bytes[position..<position + utf8.count]) == utf8 {
                        position += utf8.count
                        return value
                    }
                }
                throw error(expected: "a JSON value", found: describeHere())
            }
        }

        mutating func number() throws(FormatError) -> String {
            let start = position
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            let digitsStart = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            guard position > digitsStart else { throw error(expected: "digits", found: describeHere()) }
            while position < bytes.count, "0123456789.eE+-".utf8.contains(bytes[position]) { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        mutating func hex4() throws(FormatError) -> UInt32 {
            guard bytes.count - position >= 4,
                  let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
            else { throw error(expected: "4 hex digits after \\u", found: describeHere()) }
            position += 4
            return value
        }

        mutating func string() throws(FormatError) -> String {
            position += 1  // opening quote
            var utf8: [UInt8] = []
            while true {
                guard position < bytes.count else { throw error(expected: "a closing quote", found: "the end of the header") }
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    guard let text = String(validating: utf8, as: UTF8.self) else {
                        throw error(expected: "UTF-8 text in a string", found: "invalid UTF-8")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    guard position < bytes.count else { throw error(expected: "an escape", found: "the end of the header") }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""): utf8.append(0x22)
                    case UInt8(ascii: "\\"): utf8.append(0x5C)
                    case UInt8(ascii: "/"): utf8.append(0x2F)
                    case UInt8(ascii: "b"): utf8.append(0x08)
                    case UInt8(ascii: "f"): utf8.append(0x0C)
                    case UInt8(ascii: "n"): utf8.append(0x0A)
                    case UInt8(ascii: "r"): utf8.append(0x0D)
                    case UInt8(ascii: "t"): utf8.append(0x09)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800..<0xDC00).contains(code), bytes.count - position >= 6,
                           bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                            position += 2
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else {
                                throw error(expected: "a low surrogate", found: "\\u" + String(low, radix: 16))
                            }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else {
                            throw error(expected: "a valid \\u escape", found: "\\u" + String(code, radix: 16))
                        }
                        utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default:
                        throw error(expected: "a valid escape", found: "\\" + String(UnicodeScalar(escape)))
                    }
                default:
                    guard byte >= 0x20 else { throw error(expected: "no control characters in a string", found: "byte \(byte)") }
                    utf8.append(byte)
                }
            }
        }
    }
}
