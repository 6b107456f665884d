import EmbeddingCompression
import Hashing

/// The compressed table of `UnifiedEmbedding`: global row `x` of field `f` (local id
/// `i = x - fieldStart_f`) decodes to the concatenation over chunks `j` of row
/// `h(key(f, j, i)) mod k` of the shared `k x (d / c)` table.
///
/// Sections: `hash-parameters` (UInt64 `a`, `b`), `field-boundaries` (Int64, `F + 1`) and
/// `table` (Float32, `k * d / c`). The header parameters `k` and `chunks` give the shape.
public struct UnifiedEmbeddingTable: CompressedTable {
    /// The mapping from each global row to the shared rows that serve it.
    public struct Indexing: Sendable, Equatable {
        /// Bound on the field count: the key stores the field in bits 40..<61, so keys stay below 2^61 - 1.
        public static let fieldLimit = 1 << 21 - 1
        /// Bound on a field's row count: the key stores the local id in bits 0..<32.
        public static let localIdLimit = 1 << 32

        public let fieldRanges: FieldRowRanges
        /// Lookups per field, `c`, in `1...256`.
        public let chunks: Int
        /// Rows of the shared table, `k`.
        public let bucketCount: Int
        public let hash: UniversalHash

        /// Serving bytes besides the table: the hash and the field boundaries.
        public var overheadBytes: Int { UniversalHash.byteCount + fieldRanges.byteCount }

        /// Returns the salted key `((field * 256 + chunk) << 32) | localId`.
        @inline(__always)
        public static func key(field: Int, chunk: Int, localId: Int) -> UInt64 {
            (UInt64(field) << 40) | (UInt64(chunk) << 32) | UInt64(localId)
        }

        /// Returns the shared row that serves chunk `chunk` of global row `row` in field `field`.
        @inline(__always)
        public func tableRow(field: Int, chunk: Int, row: Int) -> Int {
            let localId = row - fieldRanges.boundaries[field]
            precondition(localId >= 0 && row < fieldRanges.boundaries[field + 1],
                         "unified embedding: row \(row) is not in field \(field)")
            let key = Self.key(field: field, chunk: chunk, localId: localId)
            return hash.bucket(key, bucketCount: bucketCount)
        }
    }

    public let methodIdentifier: String
    public let indexing: Indexing
    /// The shared table, row-major `k x (d / c)`.
    public let values: [Float]

    public init(methodIdentifier: String, indexing: Indexing, values: [Float]) {
        precondition(values.count % indexing.bucketCount == 0, "UnifiedEmbeddingTable: values do not match k rows")
        self.methodIdentifier = methodIdentifier
        self.indexing = indexing
        self.values = values
    }

    /// Rebuilds the table from a container.
    /// - Throws: `ContainerError` or `HashingError` when a section is missing or inconsistent.
    public init(contents: ContainerContents) throws {
        let metadata = contents.metadata
        let method = metadata.methodIdentifier
        let buckets = try HashedSections.integerParameter(in: contents, "k")
        let chunks = try HashedSections.integerParameter(in: contents, "chunks")
        guard buckets >= 1 else {
            throw HashingError.invalidHeaderParameter(method: method, name: "k", value: String(buckets))
        }
        guard (1...256).contains(chunks), metadata.dimension % chunks == 0 else {
            throw HashingError.invalidHeaderParameter(method: method, name: "chunks", value: String(chunks))
        }
        let ranges = try FieldRowRanges(contents: contents)
        let indexing = Indexing(
            fieldRanges: ranges, chunks: chunks, bucketCount: buckets, hash: try HashedSections.hashes(in: contents, count: 1)[0])
        self.init(
            methodIdentifier: method, indexing: indexing,
            values: try HashedSections.floatTable(in: contents, section: "table", rows: buckets, dimension: metadata.dimension / chunks))
    }

    public var rowCount: Int { indexing.fieldRanges.rowCount }
    public var dimension: Int { values.count / indexing.bucketCount * indexing.chunks }
    public var parameters: [String: String] { ["k": String(indexing.bucketCount), "chunks": String(indexing.chunks)] }
    public var footprintBytes: Int { values.count * 4 + indexing.overheadBytes }

    public func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        let dimension = self.dimension, chunkDimension = dimension / indexing.chunks
        precondition(output.count == rows.count * dimension, "decode: output must have rows.count x dimension values")
        values.withUnsafeBufferPointer { values in
            for (position, row) in rows.enumerated() {
                precondition(row >= 0 && row < rowCount, "decode: row \(row) is outside 0..<\(rowCount)")
                let field = indexing.fieldRanges.field(ofRow: row)
                for chunk in 0..<indexing.chunks {
                    let source = indexing.tableRow(field: field, chunk: chunk, row: row) * chunkDimension
                    let target = position * dimension + chunk * chunkDimension
                    for column in 0..<chunkDimension { output[target + column] = values[source + column] }
                }
            }
        }
    }

    public func containerSections() -> [ContainerSection] {
        [
            UniversalHash.section([indexing.hash]),
            indexing.fieldRanges.section,
            ContainerSection(name: "table", elementType: .float32, values: values),
        ]
    }
}
