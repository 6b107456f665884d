/// The fields of a CTR feature table: the per-field tables stacked in order, each a range of
/// rows of the stacked table, with the training-set frequency of every value.
public struct FeatureSchema: Sendable, Codable, Equatable {
    public struct Field: Sendable, Codable, Equatable {
        /// Field name, for example `user_id` or `genres`.
        public var name: String
        /// First row of this field in the stacked feature table.
        public var rowOffset: Int
        /// Rows of this field, including its out-of-vocabulary row.
        public var rowCount: Int
        /// Whether a sample may carry several values of this field (mean-pooled).
        public var isMultiValued: Bool

        public init(name: String, rowOffset: Int, rowCount: Int, isMultiValued: Bool = false) {
            self.name = name
            self.rowOffset = rowOffset
            self.rowCount = rowCount
            self.isMultiValued = isMultiValued
        }
    }

    public var fields: [Field]
    /// Training-set count of each row of the stacked table; empty when unknown.
    public var frequencies: [Int]

    public init(fields: [Field], frequencies: [Int] = []) {
        self.fields = fields
        self.frequencies = frequencies
    }

    /// Rows of the stacked table: the sum of the fields' row counts.
    public var totalRowCount: Int { fields.reduce(0) { $0 + $1.rowCount } }
}
