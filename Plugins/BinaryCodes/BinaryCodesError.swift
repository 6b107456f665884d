/// Errors of the BinaryCodes plugin family.
public enum BinaryCodesError: Error, Equatable, CustomStringConvertible {
    /// Packed codes whose shape or padding is wrong (a damaged container or a bad caller).
    case invalidCodes(reason: String)
    /// A container parameter is missing or unreadable.
    case invalidParameter(name: String, value: String?, expected: String)
    /// A document corpus that cannot be used; `path` names the file.
    case invalidCorpus(path: String, reason: String)
    /// A table that contains NaN or infinite values cannot be binarized.
    case nonFiniteValue(row: Int, column: Int)

    public var description: String {
        switch self {
        case .invalidCodes(let reason):
            return "invalid binary codes: \(reason); the container is damaged or was written by another version"
        case .invalidParameter(let name, let value, let expected):
            let shown = value.map { "'\($0)'" } ?? "missing"
            return "binary codes parameter \(name) is \(shown); expected \(expected)"
        case .invalidCorpus(let path, let reason):
            return "\(path): \(reason)"
        case .nonFiniteValue(let row, let column):
            return "table value at row \(row), column \(column) is not finite; clean the table before binarizing"
        }
    }
}
