/// A click log as read from a file, before vocabularies: one label and the raw string values
/// of every field per sample.
///
/// Values are stored flat: sample `s` owns `tokens[sampleOffsets[s] ..< sampleOffsets[s + 1]]`,
/// and `tokenFields` gives the field of each token. A multi-valued field (genres) has several
/// tokens in a sample, a single-valued field exactly one, and a sample may lack a field.
public struct ClickLog: Sendable {
    /// Where the log came from, used in dataset names and messages.
    public var source: String
    public var fieldNames: [String]
    /// Whether each field may carry several values per sample (they are mean-pooled).
    public var isMultiValued: [Bool]
    /// Click label of each sample, 0 or 1.
    public var labels: [Float] = []
    public var tokens: [String] = []
    public var tokenFields: [Int32] = []
    /// Feature value of each token: 1 for categorical data, the `value` of a libffm triple.
    /// It multiplies the token's embedding.
    public var tokenValues: [Float] = []
    /// `sampleCount + 1` offsets into `tokens`.
    public var sampleOffsets: [Int] = [0]

    public init(source: String, fieldNames: [String], isMultiValued: [Bool]) {
        precondition(fieldNames.count == isMultiValued.count, "one multi-valued flag per field")
        self.source = source
        self.fieldNames = fieldNames
        self.isMultiValued = isMultiValued
    }

    public var sampleCount: Int { labels.count }

    /// Appends one value of `field` to the sample being built; call `finishSample(label:)` after
    /// the sample's last value.
    public mutating func appendToken(_ token: String, field: Int, value: Float = 1) {
        tokens.append(token)
        tokenFields.append(Int32(field))
        tokenValues.append(value)
    }

    /// Closes the sample whose values were appended since the previous call.
    public mutating func finishSample(label: Float) {
        labels.append(label)
        sampleOffsets.append(tokens.count)
    }
}
