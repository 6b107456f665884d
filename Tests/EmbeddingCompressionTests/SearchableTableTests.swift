import EmbeddingCompression
import Testing

/// Codes that search neighbours themselves and decode to zeros, like binary codes whose decoded
/// rows are not an approximation. Without re-ranking the search returns the rows after the
/// query, a poor result. With re-ranking it searches the float table exactly.
struct SearchableCodes: NeighbourSearchable {
    let methodIdentifier = "searchable-codes"
    let rowCount: Int
    let dimension: Int
    var parameters: [String: String] { [:] }
    var footprintBytes: Int { rowCount }
    var decodesToApproximation: Bool { false }

    func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        output.initialize(repeating: 0)
    }

    func containerSections() -> [ContainerSection] {
        [ContainerSection(name: "codes", elementType: .uint8, values: [UInt8](repeating: 0, count: rowCount))]
    }

    func nearestNeighbours(ofRows queryRows: [Int], k: Int, reranking: EmbeddingTable?) -> [[Int]] {
        queryRows.map { query in
            if let reranking { return bruteForceNeighbours(of: query, in: reranking, k: k) }
            return (1...k).map { (query + $0) % rowCount }
        }
    }
}

struct SearchableCodesMethod: TableCompressor {
    let identifier = "searchable-codes"
    let summary = "one byte per row, searched by the table itself"
    let parameters: [MethodParameter] = []
    let memoryFormula = "n"
    let budgetKnob = "none"

    func minimumFootprint(rowCount: Int, dimension: Int) -> Int { rowCount }

    func compress(_ table: EmbeddingTable, budgetBytes: Int, context: CompressionContext) throws -> any CompressedTable {
        SearchableCodes(rowCount: table.rowCount, dimension: table.dimension)
    }
}

@Suite struct SearchableTableTests {
    @Test func sweepUsesTheTablesOwnSearch() throws {
        let table = try gaussianTable(rows: 80, dimension: 5, seed: 4)
        let configuration = SweepConfiguration(
            budgets: [.fraction(0.5)], queryCount: 12, decodeTimingSeconds: 0.001,
            includeFloat32Baseline: false, codec: nil)
        let runner = SweepRunner(compressors: [SearchableCodesMethod()], configuration: configuration)
        let rows = runner.run(table: SweepTable(name: "generated", table: table)).rows
        #expect(rows.count == 1)
        let row = rows[0]
        #expect(row.status == .ok)
        #expect(row.relativeMSE == nil, "reconstruction is skipped for codes that do not approximate rows")
        #expect(row.meanCosine == nil)
        #expect(row.fileBytes == nil)
        #expect(row.recallAt10Reranked == 1)

        // Recall of the plain search: the rows after each query, scored against brute force.
        let task = NeighbourTask(table: table, queryCount: 12, k: 10, seed: 42)
        var hits = 0
        for query in task.queryRows {
            let truth = Set(bruteForceNeighbours(of: query, in: table, k: 10))
            hits += (1...10).map { (query + $0) % 80 }.filter(truth.contains).count
        }
        #expect(row.recallAt10 == Double(hits) / 120)
    }
}
