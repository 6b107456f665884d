/// A compression algorithm as the registry and the `methods` command see it.
///
/// Concrete methods also conform to `TableCompressor` (post-training) or
/// `TrainableEmbeddingMethod` (training-time); both end in a `CompressedTable`.
public protocol CompressionMethod: Sendable {
    /// Stable identifier used on the command line, in result rows and in container headers,
    /// for example `int8-rowwise`. Lowercase letters, digits and `-` only.
    var identifier: String { get }
    /// One line that says what the method stores.
    var summary: String { get }
    /// The method's settings with units and defaults.
    var parameters: [MethodParameter] { get }
    /// Serving bytes as a formula of rows `n`, dimension `d` and the method's knobs,
    /// for example `n * (d + 4)`.
    var memoryFormula: String { get }
    /// What a budget chooses for this method: bits, buckets, code length, kept rows.
    var budgetKnob: String { get }
}

/// One setting of a method, as shown by `embcompress methods`.
public struct MethodParameter: Sendable, Equatable {
    public var name: String
    /// Unit of the value: `bits`, `rows`, `sub-vectors`, `iterations`, or empty for a count.
    public var unit: String
    public var defaultValue: String
    public var summary: String

    public init(name: String, unit: String, defaultValue: String, summary: String) {
        self.name = name
        self.unit = unit
        self.defaultValue = defaultValue
        self.summary = summary
    }
}
