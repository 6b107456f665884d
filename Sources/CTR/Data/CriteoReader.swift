import Foundation

/// Reads a click log in the Criteo display-advertising TSV layout: a label, 13 integer
/// columns `I1`...`I13` and 26 categorical columns `C1`...`C26`, tab-separated, no header.
/// Any column except the label may be empty (a missing value).
///
/// Integer features become categories the way the Criteo challenge winners' preprocessing
/// (Juan, Zhuang, Chin and Lin, 2014) did it: a value `v > 2` becomes the bucket
/// `floor(log(v)^2)` (natural logarithm), smaller values (including negative ones) stay their
/// own category, and a missing value is a category of its own. Categorical values are kept as
/// strings; an empty one is the category "missing".
public enum CriteoReader {
    public static let integerColumnCount = 13
    public static let categoricalColumnCount = 26
    public static var fieldNames: [String] {
        (1...integerColumnCount).map { "I\($0)" } + (1...categoricalColumnCount).map { "C\($0)" }
    }

    /// Reads the file at `path`.
    /// - Throws: `CTRDataError` naming the file and line of the first bad row:
    ///   a row without 40 columns, a label other than 0 or 1, an integer column that is not an integer.
    public static func read(path: String) throws -> ClickLog {
        let file = try TextFile(path: path)
        let names = fieldNames
        let expectedColumns = 1 + names.count
        var log = ClickLog(source: URL(fileURLWithPath: path).lastPathComponent, fieldNames: names,
                           isMultiValued: names.map { _ in false })
        for (lineIndex, line) in file.lines.enumerated() {
            let lineNumber = lineIndex + 1
            let columns = TextFile.columns(line)
            guard columns.count == expectedColumns else {
                throw CTRDataError.wrongColumnCount(path: path, line: lineNumber, found: columns.count, expected: expectedColumns)
            }
            let label = try parseLabel(columns[0], path: path, line: lineNumber)
            for field in 0..<names.count {
                let text = columns[field + 1]
                if field < integerColumnCount {
                    guard let token = bucket(integerText: text) else {
                        throw CTRDataError.invalidValue(path: path, line: lineNumber, column: names[field], text: String(text))
                    }
                    log.appendToken(token, field: field)
                } else {
                    log.appendToken(String(text), field: field)
                }
            }
            log.finishSample(label: label)
        }
        guard log.sampleCount > 0 else { throw CTRDataError.noRows(path: path) }
        return log
    }

    /// The category of an integer feature: `floor(log(v)^2)` for `v > 2`, `v` itself otherwise,
    /// empty for a missing value; nil when the text is not an integer.
    public static func bucket(integerText text: Substring) -> String? {
        if text.isEmpty { return "" }
        guard let value = Int(text) else { return nil }
        guard value > 2 else { return String(value) }
        let logarithm = log(Double(value))
        return "b" + String(Int((logarithm * logarithm).rounded(.down)))
    }

    static func parseLabel(_ text: Substring, path: String, line: Int) throws -> Float {
        guard let label = Float(text), label == 0 || label == 1 else {
            throw CTRDataError.invalidLabel(path: path, line: line, text: String(text))
        }
        return label
    }
}
