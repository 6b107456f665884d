import EmbeddingCompression
import Testing

@Suite struct SpearmanCorrelationTests {
    @Test func averageRanksSplitTies() {
        // 1, 2, 2, 3: the two 2s share ranks 2 and 3, so each gets 2.5.
        #expect(SpearmanCorrelation.averageRanks([1, 2, 2, 3]) == [1, 2.5, 2.5, 4])
        // Three equal values at the top share ranks 2, 3 and 4.
        #expect(SpearmanCorrelation.averageRanks([9, 1, 9, 9]) == [3, 1, 3, 3])
    }

    @Test func tiedExampleMatchesHandComputation() throws {
        // Ranks of x: 1, 2.5, 2.5, 4; of y: 1, 2, 3, 4; both means 2.5.
        // Covariance sum 4.5, variance sums 4.5 and 5, so rho = 4.5 / sqrt(22.5) = 3 / sqrt(10).
        let rho = try #require(SpearmanCorrelation.coefficient([1, 2, 2, 3], [10, 20, 30, 40]))
        #expect(abs(rho - 3 / 10.0.squareRoot()) < 1e-12)
    }

    @Test func monotonicTransformGivesOne() throws {
        let x: [Double] = [0.5, 3, 1, 7, 2]
        let rho = try #require(SpearmanCorrelation.coefficient(x, x.map { $0 * $0 * $0 }))
        #expect(abs(rho - 1) < 1e-12)
        let reversed = try #require(SpearmanCorrelation.coefficient(x, x.map { -$0 }))
        #expect(abs(reversed + 1) < 1e-12)
    }

    @Test func constantSampleIsUndefined() {
        #expect(SpearmanCorrelation.coefficient([1, 2, 3], [5, 5, 5]) == nil)
        #expect(SpearmanCorrelation.coefficient([1], [2]) == nil)
    }
}
