extension SweepOutput {
    /// The rows as a JSON array of objects whose keys are `SweepRow.columnNames`, in that order.
    /// A metric a row did not measure, and a NaN or infinite value, is `null`.
    /// `JSONDecoder` decodes the text back into `[SweepRow]`.
    public static func json(rows: [SweepRow]) -> String {
        var objects: [String] = []
        for row in rows {
            let members = SweepRow.columnNames.map { column -> String in
                let value: String
                switch row.cell(column) {
                case .missing: value = "null"
                case .text(let text): value = quoteJSON(text)
                case .integer(let number): value = String(number)
                case .number(let number): value = number.isFinite ? String(number) : "null"
                }
                return "    \(quoteJSON(column)): \(value)"
            }
            objects.append("  {\n" + members.joined(separator: ",\n") + "\n  }")
        }
        return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped (RFC 8259).
    static func quoteJSON(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
