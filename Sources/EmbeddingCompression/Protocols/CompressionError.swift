/// Errors raised while compressing or decoding a table.
public enum CompressionError: Error, Equatable, CustomStringConvertible {
    /// No setting of `method` fits `budgetBytes`; `smallestFeasibleBytes` is the least it can reach.
    case infeasibleBudget(method: String, budgetBytes: Int, smallestFeasibleBytes: Int)
    /// A method name that no registered plugin provides.
    case unknownMethod(name: String, known: [String])
    /// A parameter value the method cannot use.
    case invalidParameter(method: String, name: String, value: String, reason: String)

    public var description: String {
        switch self {
        case .infeasibleBudget(let method, let budget, let smallest):
            return "\(method): budget of \(budget) bytes is impossible; the smallest feasible budget for this table is \(smallest) bytes"
        case .unknownMethod(let name, let known):
            return "unknown method '\(name)'; registered methods: \(known.joined(separator: ", "))"
        case .invalidParameter(let method, let name, let value, let reason):
            return "\(method): invalid \(name) '\(value)': \(reason)"
        }
    }
}
