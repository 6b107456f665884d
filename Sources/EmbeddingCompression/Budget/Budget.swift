/// The most bytes a compressed table may occupy when serving, counting every buffer it needs.
///
/// A budget is given either as bytes or as a fraction of the table's Float32 size
/// (`rowCount * dimension * 4` bytes); `bytes(float32Bytes:)` turns both into bytes.
public enum Budget: Sendable, Hashable, CustomStringConvertible {
    case bytes(Int)
    case fraction(Double)

    /// The budget in bytes for a table whose Float32 size is `float32Bytes`.
    /// A fraction is rounded down, because a budget is an upper bound.
    public func bytes(float32Bytes: Int) -> Int {
        switch self {
        case .bytes(let bytes): return bytes
        case .fraction(let fraction): return Int((Double(float32Bytes) * fraction).rounded(.down))
        }
    }

    /// Parses `"1/8"`, `"0.125"`, `"12MB"`, `"4096"` or `"4096B"`.
    /// Plain integers above 1 are bytes; `K`, `M`, `G` suffixes (optionally with `B`) are powers of 1,024.
    ///
    /// - Throws: `BudgetError.invalid` naming the text when it is none of these forms or not positive.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let slash = trimmed.firstIndex(of: "/") {
            guard let numerator = Double(trimmed[..<slash]),
                  let denominator = Double(trimmed[trimmed.index(after: slash)...]),
                  numerator > 0, denominator > 0
            else { throw BudgetError.invalid(text: text) }
            self = .fraction(numerator / denominator)
            return
        }
        let upper = trimmed.uppercased()
        let units: [(String, Int)] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1)]
        for (suffix, scale) in units where upper.hasSuffix(suffix) {
            guard let value = Double(upper.dropLast(suffix.count)), value > 0 else { throw BudgetError.invalid(text: text) }
            self = .bytes(Int(value * Double(scale)))
            return
        }
        guard let value = Double(trimmed), value > 0, value.isFinite else { throw BudgetError.invalid(text: text) }
        if value <= 1 {
            self = .fraction(value)
        } else {
            guard value == value.rounded() else { throw BudgetError.invalid(text: text) }
            self = .bytes(Int(value))
        }
    }

    public var description: String {
        switch self {
        case .bytes(let bytes): return "\(bytes) B"
        case .fraction(let fraction):
            let inverse = 1 / fraction
            if abs(inverse - inverse.rounded()) < 1e-9 { return "1/\(Int(inverse.rounded()))" }
            return String(fraction)
        }
    }
}

import Foundation

/// Errors about budgets.
public enum BudgetError: Error, Equatable, CustomStringConvertible {
    case invalid(text: String)

    public var description: String {
        switch self {
        case .invalid(let text):
            return "invalid budget '\(text)': give a fraction of the Float32 table (1/8 or 0.125) or bytes (4096, 12MB)"
        }
    }
}
