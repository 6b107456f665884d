import EmbeddingCompression

/// The compressed table of `PerFieldHashing`: global row `x` of field `f` (local id
/// `i = x - fieldStart_f`) decodes to row `tableStart_f + h_f(i) mod k_f` of the stacked
/// per-field tables, or `tableStart_f + i` when the field is stored in full (`k_f == n_f`).
///
/// Sections: `hash-parameters` (UInt64 `a_f`, `b_f` per field), `field-boundaries` and
/// `table-boundaries` (Int64, `F + 1` each), `table` (Float32, `sum(k_f) * d`).
public struct PerFieldHashedTable: CompressedTable {
    /// The mapping from each global row to the table row that serves it.
    public struct Indexing: Sendable, Equatable {
        public let fieldRanges: FieldRowRanges
        /// First row of each field's table in the stacked tables, `F + 1` values.
        public let tableBoundaries: [Int]
        public let hashes: [UniversalHash]

        public init(fieldRanges: FieldRowRanges, bucketCounts: [Int], hashes: [UniversalHash]) {
            precondition(bucketCounts.count == fieldRanges.fieldCount && hashes.count == fieldRanges.fieldCount,
                         "PerFieldHashedTable: one bucket count and one hash per field")
            self.fieldRanges = fieldRanges
            var boundaries = [0]
            for count in bucketCounts { boundaries.append(boundaries.last! + count) }
            tableBoundaries = boundaries
            self.hashes = hashes
        }

        /// Rows of all per-field tables together.
        public var tableRowCount: Int { tableBoundaries.last! }
        /// Rows of field `field`'s table, `k_f`.
        public func bucketCount(ofField field: Int) -> Int { tableBoundaries[field + 1] - tableBoundaries[field] }
        /// Serving bytes besides the tables: the hashes and both boundary arrays.
        public var overheadBytes: Int { hashes.count * UniversalHash.byteCount + fieldRanges.byteCount + tableBoundaries.count * 8 }

        /// Returns the stacked-table row of global row `row` in field `field`.
        @inline(__always)
        public func tableRow(field: Int, row: Int) -> Int {
            let local = row - fieldRanges.boundaries[field]
            let buckets = tableBoundaries[field + 1] - tableBoundaries[field]
            let fieldRows = fieldRanges.boundaries[field + 1] - fieldRanges.boundaries[field]
            precondition(local >= 0 && local < fieldRows, "per-field hashing: row \(row) is not in field \(field)")
            let bucket = buckets >= fieldRows ? local : hashes[field].bucket(UInt64(local), bucketCount: buckets)
            return tableBoundaries[field] + bucket
        }
    }

    public let methodIdentifier: String
    public let indexing: Indexing
    public let dimension: Int
    /// The per-field tables stacked, row-major `sum(k_f) x d`.
    public let values: [Float]

    public init(methodIdentifier: String, indexing: Indexing, dimension: Int, values: [Float]) {
        precondition(values.count == indexing.tableRowCount * dimension, "PerFieldHashedTable: values do not match sum(k_f) x d")
        self.methodIdentifier = methodIdentifier
        self.indexing = indexing
        self.dimension = dimension
        self.values = values
    }

    /// Rebuilds the table from a container.
    /// - Throws: `ContainerError` or `HashingError` when a section is missing or inconsistent.
    public init(contents: ContainerContents) throws {
        let metadata = contents.metadata
        let method = metadata.methodIdentifier
        let ranges = try FieldRowRanges(contents: contents)
        let boundaries = try HashedSections.typedValues(in: contents, section: "table-boundaries", as: Int64.self, type: .int64).map { Int($0) }
        let counts = zip(boundaries, boundaries.dropFirst()).map { $1 - $0 }
        guard boundaries.count == ranges.fieldCount + 1, boundaries.first == 0,
              zip(counts, 0..<ranges.fieldCount).allSatisfy({ $0 >= 1 && $0 <= ranges.rowCount(ofField: $1) })
        else {
            throw HashingError.invalidSection(
                method: method, section: "table-boundaries",
                reason: "contains \(boundaries.prefix(8)); expected \(ranges.fieldCount + 1) increasing row numbers from 0, each field at most its row count")
        }
        let hashes = try HashedSections.hashes(in: contents, count: ranges.fieldCount)
        let indexing = Indexing(fieldRanges: ranges, bucketCounts: counts, hashes: hashes)
        self.init(
            methodIdentifier: method, indexing: indexing, dimension: metadata.dimension,
            values: try HashedSections.floatTable(in: contents, section: "table", rows: indexing.tableRowCount, dimension: metadata.dimension))
    }

    public var rowCount: Int { indexing.fieldRanges.rowCount }
    public var parameters: [String: String] { ["rows": String(indexing.tableRowCount), "fields": String(indexing.hashes.count)] }
    public var footprintBytes: Int { values.count * 4 + indexing.overheadBytes }

    public func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == rows.count * dimension, "decode: output must have rows.count x dimension values")
        values.withUnsafeBufferPointer { values in
            for (position, row) in rows.enumerated() {
                precondition(row >= 0 && row < rowCount, "decode: row \(row) is outside 0..<\(rowCount)")
                let field = indexing.fieldRanges.field(ofRow: row)
                let base = indexing.tableRow(field: field, row: row) * dimension
                for column in 0..<dimension { output[position * dimension + column] = values[base + column] }
            }
        }
    }

    public func containerSections() -> [ContainerSection] {
        [
            UniversalHash.section(indexing.hashes),
            indexing.fieldRanges.section,
            ContainerSection(name: "table-boundaries", elementType: .int64, values: indexing.tableBoundaries.map { Int64($0) }),
            ContainerSection(name: "table", elementType: .float32, values: values),
        ]
    }
}
