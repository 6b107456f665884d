/// The subset of Python literal syntax that NumPy writes in a .npy header: a dict of string
/// keys whose values are strings, booleans, None, integers, tuples and lists.
enum PythonLiteral: Equatable {
    case string(String)
    case boolean(Bool)
    case none
    case integer(Int)
    case sequence([PythonLiteral])
    case dictionary([(key: String, value: PythonLiteral)])

    static func == (lhs: PythonLiteral, rhs: PythonLiteral) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return a == b
        case (.boolean(let a), .boolean(let b)): return a == b
        case (.none, .none): return true
        case (.integer(let a), .integer(let b)): return a == b
        case (.sequence(let a), .sequence(let b)): return a == b
        case (.dictionary(let a), .dictionary(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// Parses `text`, which must hold one literal and nothing else but whitespace.
    /// - Throws: `PythonLiteralError` describing the first unexpected character.
    static func parse(_ text: String) throws -> PythonLiteral {
        var parser = Parser(bytes: Array(text.utf8))
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == parser.bytes.count else {
            throw PythonLiteralError(message: "unexpected text after the literal at offset \(parser.position)")
        }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func parseValue() throws -> PythonLiteral {
            skipWhitespace()
            guard position < bytes.count else { throw PythonLiteralError(message: "the header ends inside a value") }
            switch bytes[position] {
            case UInt8(ascii: "'"), UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "("): return .sequence(try parseSequence(closing: UInt8(ascii: ")")))
            case UInt8(ascii: "["): return .sequence(try parseSequence(closing: UInt8(ascii: "]")))
            case UInt8(ascii: "{"): return try parseDictionary()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try parseInteger())
            default:
                for (word, value) in [("True", PythonLiteral.boolean(true)), ("False", .boolean(false)), ("None", .none)]
                where bytes[position...].starts(with: word.utf8) {
                    position += word.utf8.count
                    return value
                }
                throw PythonLiteralError(message: "unexpected character '\(Character(Unicode.Scalar(bytes[position])))' at offset \(position)")
            }
        }

        mutating func parseString() throws -> String {
            let quote = bytes[position]
            position += 1
            var content: [UInt8] = []
            while position < bytes.count, bytes[position] != quote {
                if bytes[position] == UInt8(ascii: "\\"), position + 1 < bytes.count { position += 1 }
                content.append(bytes[position])
                position += 1
            }
            guard position < bytes.count else { throw PythonLiteralError(message: "unterminated string") }
            position += 1
            return String(decoding: content, as: UTF8.self)
        }

        mutating func parseInteger() throws -> Int {
            let start = position
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            guard let value = Int(String(decoding: bytes[start..<position], as: UTF8.self)) else {
                throw PythonLiteralError(message: "invalid integer at offset \(start)")
            }
            // Python 2 wrote long integers with an L suffix.
            if position < bytes.count, bytes[position] == UInt8(ascii: "L") { position += 1 }
            return value
        }

        mutating func parseSequence(closing: UInt8) throws -> [PythonLiteral] {
            position += 1
            var elements: [PythonLiteral] = []
            while true {
                skipWhitespace()
                guard position < bytes.count else { throw PythonLiteralError(message: "unterminated tuple or list") }
                if bytes[position] == closing {
                    position += 1
                    return elements
                }
                elements.append(try parseValue())
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if position < bytes.count, bytes[position] != closing {
                    throw PythonLiteralError(message: "expected ',' at offset \(position)")
                }
            }
        }

        mutating func parseDictionary() throws -> PythonLiteral {
            position += 1
            var entries: [(key: String, value: PythonLiteral)] = []
            while true {
                skipWhitespace()
                guard position < bytes.count else { throw PythonLiteralError(message: "unterminated dict") }
                if bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    return .dictionary(entries)
                }
                guard case .string(let key) = try parseValue() else {
                    throw PythonLiteralError(message: "dict keys must be strings")
                }
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                    throw PythonLiteralError(message: "expected ':' after key '\(key)'")
                }
                position += 1
                entries.append((key, try parseValue()))
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if position < bytes.count, bytes[position] != UInt8(ascii: "}") {
                    throw PythonLiteralError(message: "expected ',' at offset \(position)")
                }
            }
        }
    }
}

/// A failure to parse a Python literal, with the reason.
struct PythonLiteralError: Error {
    var message: String
}
