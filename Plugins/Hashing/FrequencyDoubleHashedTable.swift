import EmbeddingCompression

/// The compressed table of `FrequencyDoubleHashing`: a frequent row decodes to its own row of
/// the frequent table, every other row `x` to `T1[h1(x) mod k] + T2[h2(x) mod k]`.
///
/// Sections: `frequent-rows` (Int32, sorted global rows), `frequent-table` (Float32, `f * d`),
/// `hash-parameters` (UInt64 `a1`, `b1`, `a2`, `b2`), `table-1` and `table-2` (Float32,
/// `k * d` each). The header parameters `f` and `k` give the shapes.
public struct FrequencyDoubleHashedTable: CompressedTable {
    /// The mapping from each global row to its frequent row or its two hashed rows.
    public struct Indexing: Sendable {
        /// Global rows with their own row, increasing; position `j` is row `j` of the frequent table.
        public let frequentRows: [Int32]
        public let hashed: DoubleHashedTable.Indexing

        /// Returns the frequent-table row of global row `row`, or nil when the row is hashed.
        /// - Complexity: O(log f), a binary search.
        @inline(__always)
        public func frequentRow(ofRow row: Int) -> Int? {
            var low = 0, high = frequentRows.count
            while low < high {
                let middle = (low + high) / 2
                if Int(frequentRows[middle]) < row { low = middle + 1 } else { high = middle }
            }
            return low < frequentRows.count && Int(frequentRows[low]) == row ? low : nil
        }

        /// Serving bytes besides the Float32 tables: the frequent row ids and the two hashes.
        public var overheadBytes: Int { frequentRows.count * 4 + DoubleHashing.hashBytes }
    }

    public let methodIdentifier: String
    public let indexing: Indexing
    public let dimension: Int
    public let frequentValues: [Float]
    public let firstValues: [Float]
    public let secondValues: [Float]

    public init(methodIdentifier: String, indexing: Indexing, dimension: Int,
                frequentValues: [Float], firstValues: [Float], secondValues: [Float]) {
        precondition(frequentValues.count == indexing.frequentRows.count * dimension
                     && firstValues.count == indexing.hashed.bucketCount * dimension
                     && secondValues.count == firstValues.count,
                     "FrequencyDoubleHashedTable: values do not match the table shapes")
        self.methodIdentifier = methodIdentifier
        self.indexing = indexing
        self.dimension = dimension
        self.frequentValues = frequentValues
        self.firstValues = firstValues
        self.secondValues = secondValues
    }

    /// Rebuilds the table from a container.
    /// - Throws: `ContainerError` or `HashingError` when a section is missing or inconsistent.
    public init(contents: ContainerContents) throws {
        let metadata = contents.metadata
        let method = metadata.methodIdentifier
        let frequent = try HashedSections.integerParameter(in: contents, "f")
        let buckets = try HashedSections.integerParameter(in: contents, "k")
        guard buckets >= 1, buckets <= metadata.rowCount else {
            throw HashingError.invalidHeaderParameter(method: method, name: "k", value: String(buckets))
        }
        let frequentRows = try HashedSections.typedValues(in: contents, section: "frequent-rows", as: Int32.self, type: .int32)
        let increasing = zip(frequentRows, frequentRows.dropFirst()).allSatisfy { $0 < $1 }
        guard frequentRows.count == frequent, increasing,
              frequentRows.allSatisfy({ $0 >= 0 && Int($0) < metadata.rowCount })
        else {
            throw HashingError.invalidSection(
                method: method, section: "frequent-rows",
                reason: "contains \(frequentRows.count) values; expected \(frequent) increasing rows below \(metadata.rowCount)")
        }
        let hashes = try HashedSections.hashes(in: contents, count: 2)
        let dimension = metadata.dimension
        self.init(
            methodIdentifier: method,
            indexing: Indexing(
                frequentRows: frequentRows,
                hashed: DoubleHashedTable.Indexing(rowCount: metadata.rowCount, bucketCount: buckets, hashes: (hashes[0], hashes[1]))),
            dimension: dimension,
            frequentValues: try HashedSections.floatTable(in: contents, section: "frequent-table", rows: frequent, dimension: dimension),
            firstValues: try HashedSections.floatTable(in: contents, section: "table-1", rows: buckets, dimension: dimension),
            secondValues: try HashedSections.floatTable(in: contents, section: "table-2", rows: buckets, dimension: dimension))
    }

    public var rowCount: Int { indexing.hashed.rowCount }
    public var parameters: [String: String] {
        ["f": String(indexing.frequentRows.count), "k": String(indexing.hashed.bucketCount)]
    }
    public var footprintBytes: Int {
        (frequentValues.count + firstValues.count + secondValues.count) * 4 + indexing.overheadBytes
    }

    public func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == rows.count * dimension, "decode: output must have rows.count x dimension values")
        for (position, row) in rows.enumerated() {
            precondition(row >= 0 && row < rowCount, "decode: row \(row) is outside 0..<\(rowCount)")
            let target = position * dimension
            if let frequent = indexing.frequentRow(ofRow: row) {
                for column in 0..<dimension { output[target + column] = frequentValues[frequent * dimension + column] }
                continue
            }
            let (bucket1, bucket2) = indexing.hashed.buckets(ofRow: row)
            for column in 0..<dimension {
                output[target + column] = firstValues[bucket1 * dimension + column] + secondValues[bucket2 * dimension + column]
            }
        }
    }

    public func containerSections() -> [ContainerSection] {
        [
            ContainerSection(name: "frequent-rows", elementType: .int32, values: indexing.frequentRows),
            ContainerSection(name: "frequent-table", elementType: .float32, values: frequentValues),
            UniversalHash.section([indexing.hashed.hashes.0, indexing.hashed.hashes.1]),
            ContainerSection(name: "table-1", elementType: .float32, values: firstValues),
            ContainerSection(name: "table-2", elementType: .float32, values: secondValues),
        ]
    }
}
