import EmbeddingCompression

/// Failures of the compress, decode and inspect commands that no library error describes.
enum FileCommandError: Error, CustomStringConvertible {
    /// The method is training-time only, so it cannot compress a trained table.
    case notPostTraining(method: String, compressors: [String])
    /// The method returned a table larger than the budget: a bug in the method.
    case overBudget(method: String, footprintBytes: Int, budgetBytes: Int)
    /// `inspect` found damaged sections.
    case damaged(path: String, sections: [String])

    var description: String {
        switch self {
        case .notPostTraining(let method, let compressors):
            return "method '\(method)' is a training-time method and cannot compress a trained table; post-training methods: \(compressors.joined(separator: ", "))"
        case .overBudget(let method, let footprint, let budget):
            return "\(method) returned a table of \(footprint) bytes for a budget of \(budget) bytes; this is a bug in the method, no file was written"
        case .damaged(let path, let sections):
            return "\(path): checksum verification failed for \(sections.joined(separator: ", ")); the file is damaged, copy or write it again"
        }
    }
}

/// `12345678` as `12,345,678`, for byte counts in command output.
func groupedDigits(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var grouped = ""
    for (index, digit) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
        grouped.append(digit)
    }
    return value < 0 ? "-" + grouped : grouped
}

/// Lines of `label value` pairs with the values aligned.
func alignedPairs(_ pairs: [(String, String)]) -> String {
    let width = (pairs.map(\.0.count).max() ?? 0) + 2
    return pairs.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + $0.1 + "\n" }.joined()
}
