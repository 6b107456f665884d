import EmbeddingCompression

/// The compressed table of `QuotientRemainder`: row `x` decodes to `Q[x div m] ⊙ R[x mod m]`.
///
/// Sections: `quotient-table` (Float32, `ceil(n / m) * d`) and `remainder-table`
/// (Float32, `m * d`). The header parameter `m` repeats the remainder table's row count.
public struct QuotientRemainderTable: CompressedTable {
    /// The mapping from each global row to the rows of the two tables that serve it.
    public struct Indexing: Sendable, Equatable {
        /// Rows of the stacked feature table, `n`.
        public let rowCount: Int
        /// Rows of the remainder table, `m`.
        public let remainderCount: Int

        /// Rows of the quotient table, `ceil(n / m)`.
        public var quotientCount: Int { (rowCount + remainderCount - 1) / remainderCount }

        /// Returns the quotient row `x div m` and the remainder row `x mod m` of global row `row`.
        @inline(__always)
        public func parts(ofRow row: Int) -> (quotient: Int, remainder: Int) {
            row.quotientAndRemainder(dividingBy: remainderCount)
        }
    }

    public let methodIdentifier: String
    public let indexing: Indexing
    public let dimension: Int
    public let quotientValues: [Float]
    public let remainderValues: [Float]

    public init(methodIdentifier: String, indexing: Indexing, dimension: Int,
                quotientValues: [Float], remainderValues: [Float]) {
        precondition(quotientValues.count == indexing.quotientCount * dimension
                     && remainderValues.count == indexing.remainderCount * dimension,
                     "QuotientRemainderTable: values do not match the table shapes")
        self.methodIdentifier = methodIdentifier
        self.indexing = indexing
        self.dimension = dimension
        self.quotientValues = quotientValues
        self.remainderValues = remainderValues
    }

    /// Rebuilds the table from a container.
    /// - Throws: `ContainerError` or `HashingError` when a section is missing or inconsistent.
    public init(contents: ContainerContents) throws {
        let metadata = contents.metadata
        let remainders = try HashedSections.integerParameter(in: contents, "m")
        guard remainders >= 1, remainders <= max(1, metadata.rowCount) else {
            throw HashingError.invalidHeaderParameter(method: metadata.methodIdentifier, name: "m", value: String(remainders))
        }
        let indexing = Indexing(rowCount: metadata.rowCount, remainderCount: remainders)
        self.init(
            methodIdentifier: metadata.methodIdentifier, indexing: indexing, dimension: metadata.dimension,
            quotientValues: try HashedSections.floatTable(in: contents, 
                section: "quotient-table", rows: indexing.quotientCount, dimension: metadata.dimension),
            remainderValues: try HashedSections.floatTable(in: contents, 
                section: "remainder-table", rows: remainders, dimension: metadata.dimension))
    }

    public var rowCount: Int { indexing.rowCount }
    public var parameters: [String: String] { ["m": String(indexing.remainderCount)] }
    public var footprintBytes: Int { (quotientValues.count + remainderValues.count) * 4 }

    public func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == rows.count * dimension, "decode: output must have rows.count x dimension values")
        quotientValues.withUnsafeBufferPointer { quotient in
            remainderValues.withUnsafeBufferPointer { remainder in
                for (position, row) in rows.enumerated() {
                    precondition(row >= 0 && row < rowCount, "decode: row \(row) is outside 0..<\(rowCount)")
                    let (quotientRow, remainderRow) = indexing.parts(ofRow: row)
                    for column in 0..<dimension {
                        output[position * dimension + column] =
                            quotient[quotientRow * dimension + column] * remainder[remainderRow * dimension + column]
                    }
                }
            }
        }
    }

    public func containerSections() -> [ContainerSection] {
        [
            ContainerSection(name: "quotient-table", elementType: .float32, values: quotientValues),
            ContainerSection(name: "remainder-table", elementType: .float32, values: remainderValues),
        ]
    }
}
