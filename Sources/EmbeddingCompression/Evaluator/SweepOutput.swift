import Foundation

/// Writes sweep results: an aligned table for stdout, and CSV, JSON and an SVG chart of
/// quality against footprint in an output folder.
public enum SweepOutput {
    /// Formats `rows` as an aligned text table with the given column names
    /// (names from `SweepRow.columnNames`). Text is left-aligned, numbers right-aligned, and a
    /// metric a row did not measure is an empty cell.
    public static func alignedTable(rows: [SweepRow], columns: [String]) -> String {
        let cells = rows.map { row in columns.map { displayText(row.cell($0), column: $0) } }
        let rightAligned = columns.map { column in
            rows.contains { row in
                switch row.cell(column) {
                case .integer, .number: return true
                case .text, .missing: return false
                }
            }
        }
        var widths = columns.map(\.count)
        for line in cells {
            for (index, text) in line.enumerated() { widths[index] = max(widths[index], text.count) }
        }
        func format(_ line: [String]) -> String {
            var fields: [String] = []
            for (index, text) in line.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - text.count)
                fields.append(rightAligned[index] ? padding + text : text + padding)
            }
            return fields.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var lines = [format(columns), format(widths.map { String(repeating: "-", count: $0) })]
        lines += cells.map(format)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `<name>.csv`, `<name>.json` and `<name>.svg` into `folder` (created when missing)
    /// and returns their URLs. The chart plots each of `qualityColumns` against footprint bytes,
    /// one series per method. Files are written to temporary names and renamed into place.
    /// - Throws: `FileWriteError.cannotWrite` naming the file, or Foundation's error when the
    ///   folder cannot be created.
    public static func write(rows: [SweepRow], name: String, folder: URL, qualityColumns: [String]) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let outputs: [(String, String)] = [
            ("csv", csv(rows: rows)),
            ("json", json(rows: rows)),
            ("svg", svgChart(rows: rows, qualityColumns: qualityColumns)),
        ]
        var urls: [URL] = []
        for (fileExtension, text) in outputs {
            let url = folder.appendingPathComponent("\(name).\(fileExtension)")
            try AtomicFile.write(to: url) { output in try output.write(Data(text.utf8)) }
            urls.append(url)
        }
        return urls
    }

    /// Short text for the aligned table: byte counts in full, metrics to four decimals.
    static func displayText(_ cell: SweepCell, column: String) -> String {
        switch cell {
        case .missing: return ""
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .number(let value):
            guard value.isFinite else { return String(value) }
            switch column {
            case "ratio", "compress_seconds": return String(format: "%.2f", value)
            case "decode_rows_per_second":
                if value >= 1e6 { return String(format: "%.1fM", value / 1e6) }
                if value >= 1e3 { return String(format: "%.1fk", value / 1e3) }
                return String(format: "%.0f", value)
            case "relative_mse": return String(format: "%.4g", value)
            default: return String(format: "%.4f", value)
            }
        }
    }
}
