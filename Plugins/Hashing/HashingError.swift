/// Errors raised while rebuilding a hashed table from its container sections.
public enum HashingError: Error, Equatable, CustomStringConvertible {
    /// Hash parameters outside their ranges: `a` must be in `1..<2^61-1`, `b` in `0..<2^61-1`.
    case invalidHashParameters(multiplier: UInt64, increment: UInt64)
    /// A section whose length or values do not match the table's parameters.
    case invalidSection(method: String, section: String, reason: String)
    /// A parameter missing from the container header or not a valid number.
    case invalidHeaderParameter(method: String, name: String, value: String?)

    public var description: String {
        switch self {
        case .invalidHashParameters(let multiplier, let increment):
            return "invalid hash parameters a=\(multiplier), b=\(increment): a must be in 1..<2^61-1 and b in 0..<2^61-1; the file is damaged"
        case .invalidSection(let method, let section, let reason):
            return "\(method) section '\(section)' \(reason); the file is damaged or was written by another version"
        case .invalidHeaderParameter(let method, let name, let value):
            let shown = value.map { "'\($0)'" } ?? "missing"
            return "\(method) header parameter '\(name)' is \(shown); expected a non-negative integer, so the file is damaged"
        }
    }
}
