import EmbeddingCompression
import Testing

@Suite struct ReconstructionMetricsTests {
    @Test func handComputedExample() throws {
        // Row 0: (3, 4) -> (3, 0): error 16, norm² 25, cosine 9 / (5 * 3) = 0.6.
        // Row 1: (1, 0) -> (0, 0): error 1, norm² 1, cosine 0 (decoded row is zero).
        // Row 2: (0, 0) -> (0, 0): error 0, norm² 0, cosine 1 (both zero).
        let original = try EmbeddingTable(rowCount: 3, dimension: 2, values: [3, 4, 1, 0, 0, 0])
        let decoded = try EmbeddingTable(rowCount: 3, dimension: 2, values: [3, 0, 0, 0, 0, 0])
        let metrics = ReconstructionMetrics.measure(original: original, decoded: decoded)
        #expect(abs(metrics.relativeMSE - 17.0 / 26.0) < 1e-12)
        #expect(abs(metrics.meanCosine - (0.6 + 0 + 1) / 3) < 1e-7)
    }

    @Test func identicalTablesArePerfect() throws {
        let table = try gaussianTable(rows: 5_000, dimension: 3, seed: 7)
        let metrics = ReconstructionMetrics.measure(original: table, decoded: table)
        #expect(metrics.relativeMSE == 0)
        #expect(abs(metrics.meanCosine - 1) < 1e-6)
    }

    @Test func scaledCopyKeepsCosine() throws {
        // Halving every value: error is a quarter of the energy, cosine stays 1.
        let table = try gaussianTable(rows: 4_100, dimension: 5, seed: 3)
        let halved = try EmbeddingTable(rowCount: 4_100, dimension: 5, values: table.values().map { $0 / 2 })
        let metrics = ReconstructionMetrics.measure(original: table, decoded: halved)
        #expect(abs(metrics.relativeMSE - 0.25) < 1e-6)
        #expect(abs(metrics.meanCosine - 1) < 1e-6)
    }
}
