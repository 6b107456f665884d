import EmbeddingCompression
import Foundation

/// The compressed table of `HashingTrick`: row `x` of the stacked feature table decodes to
/// row `h(x) mod k` of one shared `k x d` table.
///
/// Sections: `hash-parameters` (UInt64 `a`, `b`) and `table` (Float32, `k * d`).
public struct HashedTable: CompressedTable {
    /// The mapping from each global row to the shared row that serves it.
    public struct Indexing: Sendable, Equatable {
        /// Rows of the stacked feature table, `n`.
        public let rowCount: Int
        /// Rows of the shared table, `k`, in `1...n`.
        public let bucketCount: Int
        public let hash: UniversalHash

        /// Returns the shared row of global row `row`: the row itself when `k == n`, else `h(row) mod k`.
        @inline(__always)
        public func bucket(ofRow row: Int) -> Int {
            bucketCount >= rowCount ? row : hash.bucket(UInt64(row), bucketCount: bucketCount)
        }
    }

    public let methodIdentifier: String
    public let indexing: Indexing
    public let dimension: Int
    /// The shared table, row-major `k x d`.
    public let values: [Float]

    public init(methodIdentifier: String, indexing: Indexing, dimension: Int, values: [Float]) {
        precondition(values.count == indexing.bucketCount * dimension, "HashedTable: values do not match k x d")
        self.methodIdentifier = methodIdentifier
        self.indexing = indexing
        self.dimension = dimension
        self.values = values
    }

    /// Rebuilds the table from a container.
    /// - Throws: `ContainerError` or `HashingError` when a section is missing or inconsistent.
    public init(contents: ContainerContents) throws {
        let metadata = contents.metadata
        let buckets = try HashedSections.integerParameter(in: contents, "k")
        guard buckets >= 1, buckets <= metadata.rowCount else {
            throw HashingError.invalidHeaderParameter(method: metadata.methodIdentifier, name: "k", value: String(buckets))
        }
        let hash = try HashedSections.hashes(in: contents, count: 1)[0]
        let values = try HashedSections.floatTable(in: contents, section: "table", rows: buckets, dimension: metadata.dimension)
        self.init(
            methodIdentifier: metadata.methodIdentifier,
            indexing: Indexing(rowCount: metadata.rowCount, bucketCount: buckets, hash: hash),
            dimension: metadata.dimension, values: values)
    }

    public var rowCount: Int { indexing.rowCount }
    public var parameters: [String: String] { ["k": String(indexing.bucketCount)] }
    public var footprintBytes: Int { values.count * 4 + UniversalHash.byteCount }

    public func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == rows.count * dimension, "decode: output must have rows.count x dimension values")
        values.withUnsafeBufferPointer { values in
            for (position, row) in rows.enumerated() {
                precondition(row >= 0 && row < rowCount, "decode: row \(row) is outside 0..<\(rowCount)")
                let base = indexing.bucket(ofRow: row) * dimension
                for column in 0..<dimension { output[position * dimension + column] = values[base + column] }
            }
        }
    }

    public func containerSections() -> [ContainerSection] {
        [UniversalHash.section([indexing.hash]), ContainerSection(name: "table", elementType: .float32, values: values)]
    }
}
