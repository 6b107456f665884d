extension SweepOutput {
    /// The rows as CSV (RFC 4180): a header of `SweepRow.columnNames`, CRLF line ends, and
    /// fields quoted when they contain a comma, a quote or a line break, quotes doubled.
    /// Numbers keep full precision; a missing metric is an empty field.
    public static func csv(rows: [SweepRow]) -> String {
        var lines = [SweepRow.columnNames.map(quoteCSV).joined(separator: ",")]
        for row in rows {
            lines.append(SweepRow.columnNames.map { column in
                switch row.cell(column) {
                case .missing: return ""
                case .text(let text): return quoteCSV(text)
                case .integer(let value): return String(value)
                case .number(let value): return String(value)
                }
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func quoteCSV(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
