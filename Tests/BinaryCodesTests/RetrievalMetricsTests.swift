import BinaryCodes
import EmbeddingCompression
import Testing

@Suite("Retrieval metrics")
struct RetrievalMetricsTests {
    /// Precision@k and average precision from their definitions over a full sort.
    func reference(keys: [[UInt32]], queryLabels: [Int32], databaseLabels: [Int32]) -> RetrievalScores {
        var p10 = 0.0, p100 = 0.0, map = 0.0
        for (query, label) in queryLabels.enumerated() {
            let ranking = databaseLabels.indices.sorted { keys[query][$0] != keys[query][$1] ? keys[query][$0] < keys[query][$1] : $0 < $1 }
            let relevant = ranking.map { databaseLabels[$0] == label }
            p10 += Double(relevant.prefix(10).filter { $0 }.count) / 10
            p100 += Double(relevant.prefix(100).filter { $0 }.count) / 100
            let total = relevant.filter { $0 }.count
            var hits = 0, sum = 0.0
            for (rank, isRelevant) in relevant.enumerated() where isRelevant {
                hits += 1
                sum += Double(hits) / Double(rank + 1)
            }
            map += total > 0 ? sum / Double(total) : 0
        }
        let count = Double(queryLabels.count)
        return RetrievalScores(precisionAt10: p10 / count, precisionAt100: p100 / count, meanAveragePrecision: map / count)
    }

    @Test("metrics match a full sort", arguments: [UInt32(8), UInt32(1 << 20), UInt32.max])
    func matchesReference(keyRange: UInt32) {
        var generator = SplitMix64(seed: UInt64(keyRange))
        let databaseLabels = (0..<700).map { _ in Int32(generator.next() % 4) }
        let queryLabels = (0..<15).map { _ in Int32(generator.next() % 5) }  // label 4 has no relevant document
        let keys = queryLabels.map { _ in (0..<700).map { _ in UInt32(truncatingIfNeeded: generator.next()) % keyRange } }
        let expected = reference(keys: keys, queryLabels: queryLabels, databaseLabels: databaseLabels)
        for threads in [1, 2] {
            let scores = RetrievalMetrics.evaluate(queryLabels: queryLabels, databaseLabels: databaseLabels, threadCount: threads) { query, output in
                for index in 0..<output.count { output[index] = keys[query][index] }
            }
            #expect(abs(scores.precisionAt10 - expected.precisionAt10) < 1e-12)
            #expect(abs(scores.precisionAt100 - expected.precisionAt100) < 1e-12)
            #expect(abs(scores.meanAveragePrecision - expected.meanAveragePrecision) < 1e-12)
        }
    }

    @Test("score keys sort higher scores first")
    func scoreKeysOrder() {
        let scores: [Float] = [3, -1, 0, -0.0, 2.5, -7, .infinity, -.infinity, 1e-30]
        let byKey = scores.indices.sorted { RetrievalMetrics.key(descendingScore: scores[$0]) < RetrievalMetrics.key(descendingScore: scores[$1]) }
        let byScore = scores.indices.sorted { scores[$0] > scores[$1] }
        #expect(byKey.map { scores[$0] } == byScore.map { scores[$0] })
    }

    @Test("split is seeded and disjoint")
    func splitSeeded() {
        let (queries, database) = DocumentRetrievalExperiment.split(count: 1_000, queryFraction: 0.1, seed: 3)
        #expect(queries.count == 100)
        #expect(Set(queries).isDisjoint(with: database))
        #expect(Set(queries + database) == Set(0..<1_000))
        #expect(DocumentRetrievalExperiment.split(count: 1_000, queryFraction: 0.1, seed: 3).queries == queries)
        #expect(DocumentRetrievalExperiment.split(count: 1_000, queryFraction: 0.1, seed: 4).queries != queries)
    }
}
