import EmbeddingCompression

/// The compressed table of `DoubleHashing`: row `x` decodes to
/// `T1[h1(x) mod k] + T2[h2(x) mod k]`.
///
/// Sections: `hash-parameters` (UInt64 `a1`, `b1`, `a2`, `b2`), `table-1` and `table-2`
/// (Float32, `k * d` each).
public struct DoubleHashedTable: CompressedTable {
    /// The mapping from each global row to the rows of the two tables that serve it.
    public struct Indexing: Sendable {
        /// Rows of the stacked feature table, `n`.
        public let rowCount: Int
        /// Rows of each table, `k`, in `1...n`.
        public let bucketCount: Int
        public let hashes: (UniversalHash, UniversalHash)

        /// Returns the rows of `T1` and `T2` for global row `row`, which are the row itself when `k == n`.
        @inline(__always)
        public func buckets(ofRow row: Int) -> (Int, Int) {
            if bucketCount >= rowCount { return (row, row) }
            let key = UInt64(row)
            return (hashes.0.bucket(key, bucketCount: bucketCount), hashes.1.bucket(key, bucketCount: bucketCount))
        }
    }

    public let methodIdentifier: String
    public let indexing: Indexing
    public let dimension: Int
    public let firstValues: [Float]
    public let secondValues: [Float]

    public init(methodIdentifier: String, indexing: Indexing, dimension: Int, firstValues: [Float], secondValues: [Float]) {
        precondition(firstValues.count == indexing.bucketCount * dimension && secondValues.count == firstValues.count,
                     "DoubleHashedTable: values do not match k x d")
        self.methodIdentifier = methodIdentifier
        self.indexing = indexing
        self.dimension = dimension
        self.firstValues = firstValues
        self.secondValues = secondValues
    }

    /// Rebuilds the table from a container.
    /// - Throws: `ContainerError` or `HashingError` when a section is missing or inconsistent.
    public init(contents: ContainerContents) throws {
        let metadata = contents.metadata
        let buckets = try HashedSections.integerParameter(in: contents, "k")
        guard buckets >= 1, buckets <= metadata.rowCount else {
            throw HashingError.invalidHeaderParameter(method: metadata.methodIdentifier, name: "k", value: String(buckets))
        }
        let hashes = try HashedSections.hashes(in: contents, count: 2)
        self.init(
            methodIdentifier: metadata.methodIdentifier,
            indexing: Indexing(rowCount: metadata.rowCount, bucketCount: buckets, hashes: (hashes[0], hashes[1])),
            dimension: metadata.dimension,
            firstValues: try HashedSections.floatTable(in: contents, section: "table-1", rows: buckets, dimension: metadata.dimension),
            secondValues: try HashedSections.floatTable(in: contents, section: "table-2", rows: buckets, dimension: metadata.dimension))
    }

    public var rowCount: Int { indexing.rowCount }
    public var parameters: [String: String] { ["k": String(indexing.bucketCount)] }
    public var footprintBytes: Int { (firstValues.count + secondValues.count) * 4 + DoubleHashing.hashBytes }

    public func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == rows.count * dimension, "decode: output must have rows.count x dimension values")
        firstValues.withUnsafeBufferPointer { first in
            secondValues.withUnsafeBufferPointer { second in
                for (position, row) in rows.enumerated() {
                    precondition(row >= 0 && row < rowCount, "decode: row \(row) is outside 0..<\(rowCount)")
                    let (bucket1, bucket2) = indexing.buckets(ofRow: row)
                    for column in 0..<dimension {
                        output[position * dimension + column] =
                            first[bucket1 * dimension + column] + second[bucket2 * dimension + column]
                    }
                }
            }
        }
    }

    public func containerSections() -> [ContainerSection] {
        [
            UniversalHash.section([indexing.hashes.0, indexing.hashes.1]),
            ContainerSection(name: "table-1", elementType: .float32, values: firstValues),
            ContainerSection(name: "table-2", elementType: .float32, values: secondValues),
        ]
    }
}
