import EmbeddingCompression
import Testing
@testable import Quantization

@Suite struct KMeansTests {
    @Test func objectiveNeverIncreases() throws {
        let table = try generatedTable(rowCount: 2000, dimension: 4, seed: 11)
        let kmeans = KMeans(clusterCount: 32, iterations: 12, seed: 1, threadCount: 2)
        let result = table.values().withUnsafeBufferPointer { kmeans.train(points: $0, dimension: 4) }
        #expect(result.objectiveHistory.count == 13)
        for (before, after) in zip(result.objectiveHistory, result.objectiveHistory.dropFirst()) {
            // Lloyd's steps never increase the objective; the slack covers Float32 rounding.
            #expect(after <= before * (1 + 1e-6), "objective rose from \(before) to \(after)")
        }
        #expect(result.objectiveHistory.last! < result.objectiveHistory.first!)
    }

    /// Four tight, far-apart groups and four clusters: k-means++ seeds one centroid per group
    /// (any other pick has zero probability once a group is covered) and the centroids end at
    /// the group means.
    @Test func separatedGroupsFindTheirMeans() {
        let centres: [[Float]] = [[0, 0], [50, 0], [0, 50], [50, 50]]
        var points: [Float] = []
        for centre in centres {
            for offset: [Float] in [[-1, 0], [1, 0], [0, -1], [0, 1]] {
                points += [centre[0] + offset[0], centre[1] + offset[1]]
            }
        }
        let kmeans = KMeans(clusterCount: 4, iterations: 5, seed: 9, threadCount: 1)
        let result = points.withUnsafeBufferPointer { kmeans.train(points: $0, dimension: 2) }
        var found = (0..<4).map { [result.centroids[2 * $0], result.centroids[2 * $0 + 1]] }
        found.sort { ($0[0], $0[1]) < ($1[0], $1[1]) }
        #expect(found == centres.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) })
        #expect(result.objectiveHistory.last! == 16)  // 16 points, each at squared distance 1
    }
}
