/// Errors about the evaluator's inputs: word-set files and sweep settings.
public enum EvaluatorError: Error, Equatable, CustomStringConvertible {
    /// A word-set file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A line of a word-set file does not have the expected form.
    case malformedLine(path: String, line: Int, text: String, expected: String)
    /// A word-set file has no entries.
    case emptyFile(path: String, expected: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read (\(reason))"
        case .malformedLine(let path, let line, let text, let expected):
            return "\(path):\(line): '\(text)' is not \(expected); fix or remove the line"
        case .emptyFile(let path, let expected):
            return "\(path): no \(expected) found; give a file with one entry per line"
        }
    }
}
