/// Errors about the shape or contents of an embedding table.
public enum TableError: Error, Equatable, CustomStringConvertible {
    /// A table needs at least one row and one column, and its byte size must fit in Int.
    case emptyShape(rowCount: Int, dimension: Int)
    /// The number of values does not equal `rowCount * dimension`.
    case shapeMismatch(rowCount: Int, dimension: Int, valueCount: Int)
    /// A value is NaN or infinite; `source` names the file or table.
    case nonFiniteValue(source: String, row: Int, column: Int, value: Float)
    /// A vocabulary has a different number of entries than the table has rows.
    case vocabularyLengthMismatch(path: String, entryCount: Int, rowCount: Int)
    /// The file could not be opened or mapped.
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case .emptyShape(let rows, let dimension):
            return "invalid table shape \(rows) x \(dimension): rows and dimension must be positive and the table must fit in memory"
        case .shapeMismatch(let rows, let dimension, let count):
            return "table shape \(rows) x \(dimension) needs \(rows * dimension) values but \(count) were given"
        case .nonFiniteValue(let source, let row, let column, let value):
            return "\(source): row \(row), column \(column) is \(value); clean the table or pass --allow-non-finite to keep it"
        case .vocabularyLengthMismatch(let path, let entries, let rows):
            return "\(path): vocabulary has \(entries) entries but the table has \(rows) rows; give the vocabulary that belongs to this table"
        case .cannotOpen(let path, let reason):
            return "\(path): cannot open (\(reason))"
        }
    }
}
