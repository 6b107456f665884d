import CKernels
import Dispatch
import EmbeddingCompression

/// Exact Hamming top-k over packed codes.
///
/// Ties are broken by row index: among rows at the same distance the lower row comes first,
/// so results never depend on thread count or block sizes.
public enum HammingSearch {
    /// The result of a top-k search: `k` entries per query, nearest first.
    public struct Result: Sendable {
        public let k: Int
        /// `queryCount * k` rows; -1 marks a missing entry when the database has fewer than `k` rows.
        public let rows: [Int32]
        /// `queryCount * k` distances in bits; `Int32.max` for a missing entry.
        public let distances: [Int32]

        /// The rows found for query `query`, missing entries dropped.
        public func rows(ofQuery query: Int) -> [Int] {
            rows[(query * k)..<((query + 1) * k)].compactMap { $0 >= 0 ? Int($0) : nil }
        }
    }

    /// The `k` rows of `database` nearest to each row of `queries` by Hamming distance.
    ///
    /// Queries are split into one contiguous chunk per thread; each thread scans the database
    /// in cache-sized blocks with the 64-bit popcount kernel of CKernels.
    /// - Complexity: O(queries.rowCount * database.rowCount * wordsPerRow).
    /// - Precondition: both tables have the same code length.
    public static func topK(
        queries: PackedBinaryCodes, database: PackedBinaryCodes, k: Int, threadCount: Int = defaultThreadCount
    ) -> Result {
        precondition(queries.bitCount == database.bitCount,
                     "query codes have \(queries.bitCount) bits but the database has \(database.bitCount)")
        precondition(k >= 0, "k must not be negative, got \(k)")
        let queryCount = queries.rowCount
        var rows = [Int32](repeating: -1, count: queryCount * k)
        var distances = [Int32](repeating: .max, count: queryCount * k)
        guard k > 0, queryCount > 0 else { return Result(k: k, rows: rows, distances: distances) }
        let words = database.wordsPerRow
        queries.words.withUnsafeBufferPointer { queryWords in
            database.words.withUnsafeBufferPointer { codeWords in
                rows.withUnsafeMutableBufferPointer { rowBuffer in
                    distances.withUnsafeMutableBufferPointer { distanceBuffer in
                        let queryBase = SharedBuffer(queryWords), codeBase = SharedBuffer(codeWords)
                        // Each chunk writes a disjoint slice of the outputs.
                        let rowOutput = SharedMutableBuffer(rowBuffer), distanceOutput = SharedMutableBuffer(distanceBuffer)
                        let databaseRows = database.rowCount
                        forEachRowRange(count: queryCount, threadCount: threadCount) { _, range in
                            ck_hamming_top_k(
                                queryBase.base + range.lowerBound * words, range.count, codeBase.base, databaseRows,
                                words, k, rowOutput.base + range.lowerBound * k, distanceOutput.base + range.lowerBound * k)
                        }
                    }
                }
            }
        }
        return Result(k: k, rows: rows, distances: distances)
    }

    /// The `k` nearest rows of `codes` to each of its rows `queryRows`, the query row itself
    /// excluded, nearest first and ties by lower row.
    public static func neighbours(
        ofRows queryRows: [Int], in codes: PackedBinaryCodes, k: Int, threadCount: Int = defaultThreadCount
    ) -> [[Int]] {
        let queries = codes.gathering(rows: queryRows)
        // One extra result covers the query row, which is at distance 0 from itself.
        let result = topK(queries: queries, database: codes, k: k + 1, threadCount: threadCount)
        return queryRows.enumerated().map { index, queryRow in
            var found = result.rows(ofQuery: index)
            if let selfPosition = found.firstIndex(of: queryRow) {
                found.remove(at: selfPosition)
            }
            return Array(found.prefix(k))
        }
    }

    /// Threads used when the caller passes none: every active core.
    public static var defaultThreadCount: Int { CompressionContext().threadCount }
}
