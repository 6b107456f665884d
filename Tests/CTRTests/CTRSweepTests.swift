import CTR
import EmbeddingCompression
import Testing

/// Rounds every value to Float16: `rows x dimension x 2` bytes, infeasible below that.
struct HalfPrecisionCompressor: TableCompressor {
    let identifier = "test-half"
    let summary = "Float16 rows"
    let parameters: [MethodParameter] = []
    let memoryFormula = "n * d * 2"
    let budgetKnob = "none"

    func minimumFootprint(rowCount: Int, dimension: Int) -> Int { rowCount * dimension * 2 }

    func compress(_ table: EmbeddingTable, budgetBytes: Int, context: CompressionContext) throws -> any CompressedTable {
        let needed = minimumFootprint(rowCount: table.rowCount, dimension: table.dimension)
        guard budgetBytes >= needed else {
            throw CompressionError.infeasibleBudget(method: identifier, budgetBytes: budgetBytes, smallestFeasibleBytes: needed)
        }
        let rounded = table.values().map { Float(Float16($0)) }
        return FixedFootprintTable(inner: Float32Table(rowCount: table.rowCount, dimension: table.dimension, values: rounded),
                                   footprintBytes: needed)
    }
}

/// A faulty method that claims twice the budget.
struct OverBudgetCompressor: TableCompressor {
    let identifier = "test-over"
    let summary = "returns the table unchanged"
    let parameters: [MethodParameter] = []
    let memoryFormula = "n * d * 4"
    let budgetKnob = "none"

    func minimumFootprint(rowCount: Int, dimension: Int) -> Int { 0 }

    func compress(_ table: EmbeddingTable, budgetBytes: Int, context: CompressionContext) throws -> any CompressedTable {
        FixedFootprintTable(inner: Float32Table(rowCount: table.rowCount, dimension: table.dimension, values: table.values()),
                            footprintBytes: 2 * budgetBytes)
    }
}

/// A table that decodes like `inner` and reports `footprintBytes`.
struct FixedFootprintTable: CompressedTable {
    let inner: Float32Table
    let footprintBytes: Int
    var methodIdentifier: String { "test" }
    var rowCount: Int { inner.rowCount }
    var dimension: Int { inner.dimension }
    var parameters: [String: String] { ["kind": "test"] }
    func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        inner.decode(rows: rows, into: output)
    }
    func containerSections() -> [ContainerSection] { inner.containerSections() }
}

/// Training-time test method: row `r` shares the parameters of bucket `r mod buckets`, with as
/// many buckets as the budget holds.
struct ModuloMethod: TrainableEmbeddingMethod {
    let identifier = "test-modulo"
    let summary = "rows share buckets by modulo"
    let parameters: [MethodParameter] = []
    let memoryFormula = "buckets * d * 4"
    let budgetKnob = "buckets"

    func minimumFootprint(schema: FeatureSchema, dimension: Int) -> Int { dimension * 4 }

    func makeEmbedding(schema: FeatureSchema, dimension: Int, budgetBytes: Int, optimizer: OptimizerConfiguration,
                       seed: UInt64) throws -> any TrainableEmbedding {
        let buckets = min(budgetBytes / (dimension * 4), schema.totalRowCount)
        guard buckets >= 1 else {
            throw CompressionError.infeasibleBudget(method: identifier, budgetBytes: budgetBytes, smallestFeasibleBytes: dimension * 4)
        }
        return ModuloEmbedding(rowCount: schema.totalRowCount, buckets: buckets, dimension: dimension, optimizer: optimizer, seed: seed)
    }
}

final class ModuloEmbedding: TrainableEmbedding {
    let rowCount: Int
    let inner: FullEmbedding
    init(rowCount: Int, buckets: Int, dimension: Int, optimizer: OptimizerConfiguration, seed: UInt64) {
        self.rowCount = rowCount
        inner = FullEmbedding(rowCount: buckets, dimension: dimension, optimizer: optimizer, initialScale: 0.01, seed: seed)
    }
    var dimension: Int { inner.dimension }
    var footprintBytes: Int { inner.footprintBytes }
    var parameterTables: [SparseParameterTable] { inner.parameterTables }
    func bucketRows(_ rows: UnsafeBufferPointer<Int32>) -> [Int32] { rows.map { $0 % Int32(inner.table.rowCount) } }
    func forward(fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>, into output: UnsafeMutableBufferPointer<Float>) {
        bucketRows(rows).withUnsafeBufferPointer { inner.forward(fields: fields, rows: $0, into: output) }
    }
    func backward(fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>, outputGradients: UnsafeBufferPointer<Float>) {
        bucketRows(rows).withUnsafeBufferPointer { inner.backward(fields: fields, rows: $0, outputGradients: outputGradients) }
    }
    func applyGradients() { inner.applyGradients() }
    func export() throws -> any CompressedTable {
        let values = inner.table.values
        let dimension = self.dimension
        var decoded: [Float] = []
        for row in 0..<rowCount {
            let bucket = row % inner.table.rowCount
            decoded += values[(bucket * dimension)..<((bucket + 1) * dimension)]
        }
        return FixedFootprintTable(inner: Float32Table(rowCount: rowCount, dimension: dimension, values: decoded),
                                   footprintBytes: footprintBytes)
    }
}

@Suite struct CTRSweepTests {
    func makeSweep(methods: [String]? = nil) throws -> CTRSweep {
        var registry = MethodRegistry()
        registry.register(HalfPrecisionCompressor()) { try Float32Table(contents: $0) }
        registry.register(OverBudgetCompressor()) { try Float32Table(contents: $0) }
        registry.register(ModuloMethod()) { try Float32Table(contents: $0) }
        let dataset = try ClickDataset(log: generatedClickLog(sampleCount: 1000))
        let configuration = CTRSweepConfiguration(
            model: ModelConfiguration(kind: .fm, optimizer: OptimizerConfiguration(kind: .adam, learningRate: 0.02)),
            training: TrainingConfiguration(epochs: 2, batchSize: 64), dimension: 4,
            budgets: [.fraction(1.0 / 2), .fraction(1.0 / 4)], methods: methods)
        return CTRSweep(dataset: dataset, registry: registry, configuration: configuration)
    }

    @Test func rowsForEveryMethodAndBudget() throws {
        let sweep = try makeSweep()
        let rows = try sweep.run()
        #expect(rows.map(\.method) == ["float32", "first-order-only", "test-half", "test-half", "test-over", "test-over",
                                        "test-modulo", "test-modulo"])
        #expect(rows.map(\.budgetLabel) == ["1", "0", "1/2", "1/4", "1/2", "1/4", "1/2", "1/4"])
        #expect(rows.map(\.status) == [.ok, .ok, .ok, .infeasible, .overBudget, .overBudget, .ok, .ok])

        let baseline = rows[0]
        #expect(baseline.footprintBytes == sweep.fullTableBytes)
        let baselineAUC = try #require(baseline.auc)
        #expect(baselineAUC > 0.6)
        // Float16 rounding barely moves the predictions of the kept model.
        #expect(rows[1].footprintBytes == 0)
        #expect(try #require(rows[1].auc) > 0.5)
        let half = try #require(rows[2].auc)
        #expect(abs(half - baselineAUC) < 0.01)
        #expect(rows[2].footprintBytes == sweep.fullTableBytes / 2)
        #expect(rows[3].message.contains("impossible"))
        #expect(rows[4].message.contains("exceeds the budget"))
        for row in rows[6...] {
            #expect(try #require(row.footprintBytes) <= row.budgetBytes)
            #expect(try #require(row.auc) > 0.5)
        }
    }

    @Test func selectedMethodsOnly() throws {
        let rows = try makeSweep(methods: ["test-modulo"]).run()
        #expect(rows.map(\.method) == ["float32", "first-order-only", "test-modulo", "test-modulo"])
    }

    @Test func unknownMethodIsAnError() throws {
        let sweep = try makeSweep(methods: ["nope"])
        #expect(throws: CompressionError.self) { try sweep.run() }
    }
}
