/// Errors raised while reading a click log or building a dataset from it.
///
/// Every case names the file, and the line where there is one, so the bad row can be found.
public enum CTRDataError: Error, Equatable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case unreadableFile(path: String, reason: String)
    /// A row has `found` columns where `expected` were expected.
    case wrongColumnCount(path: String, line: Int, found: Int, expected: Int)
    /// The label column is not 0 or 1.
    case invalidLabel(path: String, line: Int, text: String)
    /// A value that must be a number (an integer feature, a libffm field or value) is not.
    case invalidValue(path: String, line: Int, column: String, text: String)
    /// The header line lacks a column the reader needs.
    case missingColumn(path: String, column: String, header: String)
    /// An interaction names a user or item that the user or item file does not list.
    case unknownReference(path: String, line: Int, column: String, value: String)
    /// The file has no data rows.
    case noRows(path: String)
    /// A libffm term that is not `field:feature:value`.
    case malformedTerm(path: String, line: Int, term: String)
    /// A split or setting that cannot produce a dataset, for example too few rows for a split.
    case invalidSetting(name: String, value: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "cannot read click log \(path): \(reason)"
        case .wrongColumnCount(let path, let line, let found, let expected):
            return "\(path):\(line): row has \(found) columns, expected \(expected); check the separator (tab) and the file format"
        case .invalidLabel(let path, let line, let text):
            return "\(path):\(line): label '\(text)' is invalid; the first column must be the click label, 0 or 1"
        case .malformedTerm(let path, let line, let term):
            return "\(path):\(line): term '\(term)' is not field:feature:value; libffm lines are a label and such terms separated by spaces"
        case .invalidValue(let path, let line, let column, let text):
            return "\(path):\(line): \(column) '\(text)' is invalid; it must be a finite number in range"
        case .missingColumn(let path, let column, let header):
            return "\(path):1: header has no column '\(column)' (header: \(header)); give a RecBole atomic file with that column"
        case .unknownReference(let path, let line, let column, let value):
            return "\(path):\(line): \(column) '\(value)' is not listed in the matching user or item file"
        case .noRows(let path):
            return "\(path): click log has no data rows"
        case .invalidSetting(let name, let value, let reason):
            return "invalid \(name) '\(value)': \(reason)"
        }
    }
}
