/// A value of the small subset of Python literal syntax that a `.npy` header uses:
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`.
///
/// The parser reads strings, integers, `True`/`False`/`None`, tuples, lists and dictionaries
/// with string keys. It never evaluates anything; any other token is a ``FormatError``.
indirect enum PythonLiteral: Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dictionary([(key: String, value: PythonLiteral)])

    static func == (lhs: PythonLiteral, rhs: PythonLiteral) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.boolean(let a), .boolean(let b)): a == b
        case (.none, .none): true
        case (.tuple(let a), .tuple(let b)), (.list(let a), .list(let b)): a == b
        case (.dictionary(let a), .dictionary(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// Parses `text` (one literal, surrounded by optional white space).
    ///
    /// - Parameters:
    ///   - file: the name used in errors.
    ///   - baseOffset: the byte offset of `text` in the file, so errors point into the file.
    static func parse(_ text: String, file: String, baseOffset: Int) throws(FormatError) -> PythonLiteral {
        var parser = Parser(scalars: Array(text.unicodeScalars), file: file, baseOffset: baseOffset)
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        if parser.position < parser.scalars.count {
            throw parser.error(expected: "the end of the header", found: parser.rest)
        }
        return value
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        let file: String
        let baseOffset: Int
        var position = 0

        init(scalars: [Unicode.Scalar], file: String, baseOffset: Int) {
            self.scalars = scalars
            self.file = file
            self.baseOffset = baseOffset
        }

        var rest: String {
            position >= scalars.count ? "the end of the header"
                : quoted(String(String.UnicodeScalarView(scalars[position...].prefix(20))))
        }

        func error(expected: String, found: String) -> FormatError {
            FormatError(.invalid, file: file, at: .byte(baseOffset + position), expected: expected, found: found)
        }

        mutating func skipSpace() {
            while position < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[position]) { position += 1 }
        }

        mutating func value(depth: Int) throws(FormatError) -> PythonLiteral {
            guard depth < 16 else { throw error(expected: "at most 16 nested brackets", found: "more") }
            skipSpace()
            guard position < scalars.count else { throw error(expected: "a value", found: "the end of the header") }
            let first = scalars[position]
            switch first {
            case "'", "\"": return .string(try string(quote: first))
            case "(":
                position += 1
                return .tuple(try sequence(closing: ")", depth: depth))
            case "[":
                position += 1
                return .list(try sequence(closing: "]", depth: depth))
            case "{":
                position += 1
                return try dictionary(depth: depth)
            case "-", "+", "0"..."9": return .integer(try integer())
            default:
                for (word, literal) in [("True", PythonLiteral.boolean(true)), ("False", .boolean(false)), ("None", .none)]
                where matches(word) {
                    position += word.unicodeScalars.count
                    return literal
                }
                throw error(expected: "a string, number, True, False, None, tuple, list or dict", found: rest)
            }
        }

        func matches(_ word: String) -> Bool {
            let wordScalars = Array(word.unicodeScalars)
            guard position + wordScalars.count <= scalars.count else { return false }
            guard Array(scalars[position..<(position + wordScalars.count)]) == wordScalars else { return false }
            let after = position + wordScalars.count
            return after == scalars.count || !(scalars[after].properties.isAlphabetic || scalars[after] == "_")
        }

        mutating func string(quote: Unicode.Scalar) throws(FormatError) -> String {
            position += 1
            var result = String.UnicodeScalarView()
            while position < scalars.count {
                let scalar = scalars[position]
                position += 1
                if scalar == quote { return String(result) }
                if scalar == "\\" {
                    guard position < scalars.count else { break }
                    let escaped = scalars[position]
                    position += 1
                    switch escaped {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    case "\\", "'", "\"": result.append(escaped)
                    default: throw error(expected: "a simple escape (\\n \\t \\\\ \\' \\\")", found: "\\\(escaped)")
                    }
                } else if scalar == "\n" {
                    throw error(expected: "a closing quote", found: "a line break")
                } else {
                    result.append(scalar)
                }
            }
            throw error(expected: "a closing quote", found: "the end of the header")
        }

        mutating func integer() throws(FormatError) -> Int {
            let start = position
            var text = ""
            if scalars[position] == "-" || scalars[position] == "+" {
                text.unicodeScalars.append(scalars[position])
                position += 1
            }
            while position < scalars.count, ("0"..."9").contains(scalars[position]) {
                text.unicodeScalars.append(scalars[position])
                position += 1
            }
            // Python 2 wrote long integers with an L suffix: (3L, 4L).
            if position < scalars.count, scalars[position] == "L" { position += 1 }
            guard let value = Int(text) else {
                position = start
                throw error(expected: "an integer that fits in 64 bits", found: rest)
            }
            return value
        }

        mutating func sequence(closing: Unicode.Scalar, depth: Int) throws(FormatError) -> [PythonLiteral] {
            var items: [PythonLiteral] = []
            while true {
                skipSpace()
                if position < scalars.count, scalars[position] == closing {
                    position += 1
                    return items
                }
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard position < scalars.count else { throw error(expected: "\"\(closing)\"", found: "the end of the header") }
                if scalars[position] == "," {
                    position += 1
                } else if scalars[position] != closing {
                    throw error(expected: "\",\" or \"\(closing)\"", found: rest)
                }
            }
        }

        mutating func dictionary(depth: Int) throws(FormatError) -> PythonLiteral {
            var entries: [(key: String, value: PythonLiteral)] = []
            while true {
                skipSpace()
                guard position < scalars.count else { throw error(expected: "\"}\"", found: "the end of the header") }
                if scalars[position] == "}" {
                    position += 1
                    return .dictionary(entries)
                }
                guard scalars[position] == "'" || scalars[position] == "\"" else {
                    throw error(expected: "a string key", found: rest)
                }
                let key = try string(quote: scalars[position])
                skipSpace()
                guard position < scalars.count, scalars[position] == ":" else { throw error(expected: "\":\"", found: rest) }
                position += 1
                let item = try value(depth: depth + 1)
                if entries.contains(where: { $0.key == key }) {
                    throw error(expected: "each key once", found: "\(quoted(key)) twice")
                }
                entries.append((key, item))
                skipSpace()
                guard position < scalars.count else { throw error(expected: "\"}\"", found: "the end of the header") }
                if scalars[position] == "," {
                    position += 1
                } else if scalars[position] != "}" {
                    throw error(expected: "\",\" or \"}\"", found: rest)
                }
            }
        }
    }
}
