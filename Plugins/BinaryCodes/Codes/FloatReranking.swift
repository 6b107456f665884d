import Dispatch
import EmbeddingCompression

/// Asymmetric re-ranking of a code-search shortlist: the float query is compared with the
/// float rows of the shortlist by exact cosine similarity.
public enum FloatReranking {
    /// How many candidates code search returns for each neighbour asked for.
    public static let shortlistFactor = 10

    /// For each query row of `table`, the `k` rows of `shortlists[i]` with the highest cosine
    /// similarity to it, highest first, ties by lower row. The query row itself is skipped.
    public static func rerank(
        queryRows: [Int], shortlists: [[Int]], table: EmbeddingTable, k: Int
    ) -> [[Int]] {
        precondition(queryRows.count == shortlists.count, "one shortlist per query is required")
        let dimension = table.dimension
        return table.withUnsafeBufferPointer { values in
            func norm(_ row: Int) -> Float {
                var sum: Float = 0
                for column in 0..<dimension { sum += values[row * dimension + column] * values[row * dimension + column] }
                return sum.squareRoot()
            }
            return zip(queryRows, shortlists).map { queryRow, shortlist in
                let queryNorm = max(norm(queryRow), .leastNormalMagnitude)
                var scored: [(row: Int, similarity: Float)] = []
                scored.reserveCapacity(shortlist.count)
                for row in shortlist where row != queryRow {
                    var dot: Float = 0
                    for column in 0..<dimension { dot += values[queryRow * dimension + column] * values[row * dimension + column] }
                    scored.append((row, dot / (queryNorm * max(norm(row), .leastNormalMagnitude))))
                }
                scored.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.row < $1.row }
                return scored.prefix(k).map(\.row)
            }
        }
    }

    /// Neighbour search shared by the binary tables: Hamming top-k, or a Hamming shortlist of
    /// `shortlistFactor * k` rows re-ranked against `reranking` when it is given.
    static func nearestNeighbours(
        codes: PackedBinaryCodes, queryRows: [Int], k: Int, reranking: EmbeddingTable?
    ) -> [[Int]] {
        guard let reranking else { return HammingSearch.neighbours(ofRows: queryRows, in: codes, k: k) }
        precondition(reranking.rowCount == codes.rowCount,
                     "re-ranking table has \(reranking.rowCount) rows but the codes have \(codes.rowCount)")
        let shortlists = HammingSearch.neighbours(ofRows: queryRows, in: codes, k: shortlistFactor * k)
        return rerank(queryRows: queryRows, shortlists: shortlists, table: reranking, k: k)
    }
}
