import EmbeddingCompression
import Testing
@testable import Quantization

@Suite struct ProductQuantizationTests {
    /// A table whose every 2-value sub-vector is one of 4 integer points far apart, chosen per
    /// row and sub-space by a seeded generator. Integer coordinates keep centroid means exact.
    static func clusteredTable(rowCount: Int, subspaces: Int) throws -> EmbeddingTable {
        let points: [[Float]] = [[0, 0], [100, 0], [0, 100], [-100, -100]]
        var generator = SplitMix64(seed: 5)
        var values: [Float] = []
        for _ in 0..<rowCount {
            for subspace in 0..<subspaces {
                let point = points[Int(generator.next() % 4)]
                values += point.map { $0 + Float(subspace) }
            }
        }
        return try EmbeddingTable(rowCount: rowCount, dimension: 2 * subspaces, values: values)
    }

    @Test func clusteredTableReconstructsExactly() throws {
        for rowCount in [40, 300] {
            let table = try Self.clusteredTable(rowCount: rowCount, subspaces: 4)
            let quantizer = ProductQuantizer(subvectorCount: 4)
            let compressed = try quantizer.compress(table, budgetBytes: Int.max, context: twoThreads)
            let pq = try #require(compressed as? ProductQuantizedTable)
            #expect(pq.subvectorCount == 4)
            #expect(pq.centroidCount == min(256, rowCount))
            #expect(decodedValues(pq) == table.values(), "\(rowCount) rows")
        }
    }

    /// With 8 values per row, the divisors are 8, 4, 2 and 1; a budget equal to the footprint at
    /// m = 4 must pick 4, and one byte less must pick 2.
    @Test func budgetPicksLargestFittingDivisor() throws {
        let table = try generatedTable(rowCount: 50, dimension: 8)
        let quantizer = ProductQuantizer(iterations: 3)
        let codebookBytes = 50 * 8 * 4  // k = 50 rows < 256, times d values, 4 bytes each
        let atFour = 50 * 4 + codebookBytes
        let four = try #require(try quantizer.compress(table, budgetBytes: atFour, context: singleThread) as? ProductQuantizedTable)
        #expect(four.subvectorCount == 4)
        #expect(four.footprintBytes == atFour)
        let two = try #require(try quantizer.compress(table, budgetBytes: atFour - 1, context: singleThread) as? ProductQuantizedTable)
        #expect(two.subvectorCount == 2)
    }

    @Test func footprintIsBufferSize() throws {
        let table = try generatedTable(rowCount: 300, dimension: 12)
        let compressed = try ProductQuantizer(iterations: 2, subvectorCount: 3)
            .compress(table, budgetBytes: Int.max, context: twoThreads)
        let pq = try #require(compressed as? ProductQuantizedTable)
        let expected = 300 * 3 + 256 * 12 * 4
        #expect(pq.footprintBytes == expected)
        #expect(pq.codes.count + pq.codebooks.count * 4 == expected)
        #expect(sectionBytes(pq) == expected)
    }

    @Test func infeasibleBudgetNamesSmallest() throws {
        let table = try generatedTable(rowCount: 20, dimension: 6)
        let smallest = 20 * 1 + 20 * 6 * 4
        #expect(ProductQuantizer().minimumFootprint(rowCount: 20, dimension: 6) == smallest)
        #expect(throws: CompressionError.infeasibleBudget(method: "pq", budgetBytes: smallest - 1, smallestFeasibleBytes: smallest)) {
            try ProductQuantizer().compress(table, budgetBytes: smallest - 1, context: singleThread)
        }
    }

    @Test func subvectorCountMustDivideDimension() throws {
        let table = try generatedTable(rowCount: 20, dimension: 6)
        #expect(throws: CompressionError.self) {
            try ProductQuantizer(subvectorCount: 4).compress(table, budgetBytes: Int.max, context: singleThread)
        }
    }

    /// Every decoded sub-vector is the nearest centroid of its codebook, checked by brute force.
    @Test func codesAreNearestCentroids() throws {
        let table = try generatedTable(rowCount: 120, dimension: 6)
        let compressed = try ProductQuantizer(iterations: 5, subvectorCount: 2)
            .compress(table, budgetBytes: Int.max, context: twoThreads)
        let pq = try #require(compressed as? ProductQuantizedTable)
        for row in 0..<table.rowCount {
            let values = table.row(row)
            for subspace in 0..<2 {
                let point = Array(values[(subspace * 3)..<((subspace + 1) * 3)])
                var best = Float.infinity
                for centroid in 0..<pq.centroidCount {
                    let start = (subspace * pq.centroidCount + centroid) * 3
                    let distance = (0..<3).reduce(Float(0)) { sum, j in
                        let difference = point[j] - pq.codebooks[start + j]
                        return sum + difference * difference
                    }
                    best = min(best, distance)
                }
                let code = Int(pq.codes[row * 2 + subspace])
                let chosen = (0..<3).reduce(Float(0)) { sum, j in
                    let difference = point[j] - pq.codebooks[(subspace * pq.centroidCount + code) * 3 + j]
                    return sum + difference * difference
                }
                #expect(chosen <= best * (1 + 1e-5) + 1e-6, "row \(row), sub-space \(subspace)")
            }
        }
    }

    @Test func sameSeedSameCodes() throws {
        let table = try generatedTable(rowCount: 400, dimension: 8)
        let quantizer = ProductQuantizer(iterations: 4, trainingRowLimit: 300, subvectorCount: 4)
        let first = try #require(try quantizer.compress(table, budgetBytes: Int.max, context: twoThreads) as? ProductQuantizedTable)
        let second = try #require(try quantizer.compress(table, budgetBytes: Int.max, context: twoThreads) as? ProductQuantizedTable)
        #expect(first.codes == second.codes)
        #expect(first.codebooks == second.codebooks)
        #expect(first.parameters["trainingRows"] == "300")
    }

    @Test func trainingSampleIsDistinctSortedRows() {
        let sample = ProductQuantizer.sampleRows(rowCount: 1000, limit: 100, seed: 3)
        #expect(sample.count == 100)
        #expect(Set(sample).count == 100)
        #expect(sample == sample.sorted())
        #expect(sample.allSatisfy { (0..<1000).contains($0) })
        #expect(ProductQuantizer.sampleRows(rowCount: 50, limit: 100, seed: 3) == Array(0..<50))
    }
}
