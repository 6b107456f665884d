/// The neighbours task: recall@k of a table's exact cosine neighbours for seeded query rows.
///
/// The ground truth is computed once on the original table and reused for every method.
/// A method's neighbours are found the same way on its decoded table, or by the table itself
/// when it conforms to `NeighbourSearchable`.
public struct NeighbourTask: Sendable {
    /// Neighbours per query (the k of recall@k).
    public let k: Int
    /// Query rows, distinct, in the order drawn.
    public let queryRows: [Int]
    /// Exact neighbours of each query row in the original table, nearest first, query row excluded.
    public let groundTruth: [[Int]]

    /// Draws `queryCount` distinct rows with `seed` (every row when the table has no more)
    /// and computes their exact neighbours in `table`.
    /// - Complexity: O(queryCount * rowCount * dimension).
    public init(table: EmbeddingTable, queryCount: Int, k: Int = 10, seed: UInt64) {
        self.k = k
        queryRows = Self.drawQueryRows(rowCount: table.rowCount, count: queryCount, seed: seed)
        groundTruth = Self.exactNeighbours(of: table, queryRows: queryRows, k: k)
    }

    /// Draws `count` distinct rows of `0..<rowCount` (a partial Fisher-Yates shuffle).
    public static func drawQueryRows(rowCount: Int, count: Int, seed: UInt64) -> [Int] {
        var generator = SplitMix64(seed: seed)
        let count = min(count, rowCount)
        var swapped: [Int: Int] = [:]
        var rows: [Int] = []
        rows.reserveCapacity(count)
        for position in 0..<count {
            let pick = position + Int(generator.next() % UInt64(rowCount - position))
            let value = swapped[pick] ?? pick
            swapped[pick] = swapped[position] ?? position
            rows.append(value)
        }
        return rows
    }

    /// Exact cosine neighbours of `queryRows` among all rows of `table`, each query row excluded.
    public static func exactNeighbours(of table: EmbeddingTable, queryRows: [Int], k: Int) -> [[Int]] {
        let index = CosineSearchIndex(table: table)
        var queries: [Float] = []
        queries.reserveCapacity(queryRows.count * table.dimension)
        for row in queryRows { queries.append(contentsOf: index.unitRow(row)) }
        return index.nearest(queries: queries, k: k, excluding: queryRows.map { [$0] })
    }

    /// The share of true neighbours found: sum over queries of |found ∩ truth| divided by the
    /// sum of truth sizes, which is `queryCount * k` unless the table has at most `k` rows.
    public func recall(of found: [[Int]]) -> Double {
        precondition(found.count == groundTruth.count, "\(found.count) result lists for \(groundTruth.count) queries")
        var hits = 0, possible = 0
        for (truth, result) in zip(groundTruth, found) {
            hits += Set(result.prefix(k)).intersection(truth).count
            possible += truth.count
        }
        return possible > 0 ? Double(hits) / Double(possible) : 0
    }

    /// Recall@k of the exact neighbours searched in `decoded`, a decoded copy of the table.
    public func recall(decoded: EmbeddingTable) -> Double {
        recall(of: Self.exactNeighbours(of: decoded, queryRows: queryRows, k: k))
    }

    /// Recall@k of the neighbours that `table` finds itself, with or without re-ranking against
    /// the float table `reranking`.
    public func recall(searchable table: any NeighbourSearchable, reranking: EmbeddingTable?) -> Double {
        recall(of: table.nearestNeighbours(ofRows: queryRows, k: k, reranking: reranking))
    }
}
