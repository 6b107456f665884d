import EmbeddingCompression
import Testing

@Suite struct NeighbourTaskTests {
    @Test func groundTruthMatchesBruteForce() throws {
        // 203 rows: not a multiple of the 32-row tile, so the last tile is partial.
        let table = try gaussianTable(rows: 203, dimension: 7, seed: 11)
        let task = NeighbourTask(table: table, queryCount: 25, k: 10, seed: 5)
        #expect(task.queryRows.count == 25)
        #expect(Set(task.queryRows).count == 25)
        for (query, truth) in zip(task.queryRows, task.groundTruth) {
            #expect(truth == bruteForceNeighbours(of: query, in: table, k: 10), "query row \(query)")
        }
    }

    @Test func recallOfNoisyCopyMatchesBruteForce() throws {
        let table = try gaussianTable(rows: 150, dimension: 6, seed: 2)
        let noise = try gaussianTable(rows: 150, dimension: 6, seed: 99)
        let noisy = try EmbeddingTable(
            rowCount: 150, dimension: 6,
            values: zip(table.values(), noise.values()).map { $0 + 0.4 * $1 })
        let task = NeighbourTask(table: table, queryCount: 30, k: 10, seed: 8)

        var hits = 0
        for query in task.queryRows {
            let truth = Set(bruteForceNeighbours(of: query, in: table, k: 10))
            hits += bruteForceNeighbours(of: query, in: noisy, k: 10).filter(truth.contains).count
        }
        let expected = Double(hits) / Double(30 * 10)
        #expect(abs(task.recall(decoded: noisy) - expected) < 1e-12)
        #expect(expected < 1)
        #expect(task.recall(decoded: table) == 1)
    }

    @Test func queryRowsAreAllRowsOfSmallTable() {
        let rows = NeighbourTask.drawQueryRows(rowCount: 12, count: 1_000, seed: 1)
        #expect(rows.sorted() == Array(0..<12))
    }

    @Test func searchHonoursExclusions() throws {
        // Rows: 0 = (1, 0), 1 = (0.9, 0.1), 2 = (0, 1). The query (1, 0) is nearest to rows 0
        // then 1; excluding both leaves row 2.
        let table = try EmbeddingTable(rowCount: 3, dimension: 2, values: [1, 0, 0.9, 0.1, 0, 1])
        let index = CosineSearchIndex(table: table)
        #expect(index.nearest(queries: [1, 0], k: 2, excluding: []) == [[0, 1]])
        #expect(index.nearest(queries: [1, 0], k: 2, excluding: [[0, 1]]) == [[2]])
    }
}
