import EmbeddingCompression
import Foundation
import Testing

// A method defined outside the library, registered the way a user's own package does it.
// docs/plugins.md shows the same code.

/// Keeps the first `keptDimensions` columns of every row as Float32 and decodes the dropped
/// columns as zeros. Footprint: `rows * keptDimensions * 4` bytes.
struct TruncatedTable: CompressedTable {
    let methodIdentifier = "truncate-dimensions"
    let rowCount: Int
    let dimension: Int
    let keptDimensions: Int
    /// `rowCount * keptDimensions` values, row-major.
    let values: [Float]

    var parameters: [String: String] { ["kept_dimensions": String(keptDimensions)] }
    var footprintBytes: Int { values.count * 4 }

    init(rowCount: Int, dimension: Int, keptDimensions: Int, values: [Float]) {
        self.rowCount = rowCount
        self.dimension = dimension
        self.keptDimensions = keptDimensions
        self.values = values
    }

    /// Rebuilds a table from a container, as the registry's decoder.
    init(contents: ContainerContents) throws {
        let metadata = contents.metadata
        guard let text = metadata.parameters["kept_dimensions"], let kept = Int(text) else {
            throw CompressionError.invalidParameter(
                method: "truncate-dimensions", name: "kept_dimensions",
                value: metadata.parameters["kept_dimensions"] ?? "", reason: "missing or not an integer")
        }
        self.init(
            rowCount: metadata.rowCount, dimension: metadata.dimension, keptDimensions: kept,
            values: try contents.section(named: "values").values(as: Float.self))
    }

    func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        for (position, row) in rows.enumerated() {
            for column in 0..<dimension {
                output[position * dimension + column] = column < keptDimensions ? values[row * keptDimensions + column] : 0
            }
        }
    }

    func containerSections() -> [ContainerSection] {
        [ContainerSection(name: "values", elementType: .float32, values: values)]
    }
}

struct TruncationMethod: TableCompressor {
    let identifier = "truncate-dimensions"
    let summary = "keeps the first columns of every row as Float32"
    let parameters = [MethodParameter(name: "kept_dimensions", unit: "columns", defaultValue: "budget", summary: "columns kept per row")]
    let memoryFormula = "n * k * 4"
    let budgetKnob = "kept columns k = budget / (n * 4)"

    func minimumFootprint(rowCount: Int, dimension: Int) -> Int { rowCount * 4 }

    func compress(_ table: EmbeddingTable, budgetBytes: Int, context: CompressionContext) throws -> any CompressedTable {
        let kept = min(table.dimension, budgetBytes / (table.rowCount * 4))
        guard kept >= 1 else {
            throw CompressionError.infeasibleBudget(
                method: identifier, budgetBytes: budgetBytes,
                smallestFeasibleBytes: minimumFootprint(rowCount: table.rowCount, dimension: table.dimension))
        }
        let all = table.values()
        var values: [Float] = []
        for row in 0..<table.rowCount {
            values += all[(row * table.dimension)..<(row * table.dimension + kept)]
        }
        return TruncatedTable(rowCount: table.rowCount, dimension: table.dimension, keptDimensions: kept, values: values)
    }
}

/// A broken method: it ignores the budget and keeps every column.
struct OverspendingMethod: TableCompressor {
    let identifier = "overspending"
    let summary = "keeps the whole table whatever the budget"
    let parameters: [MethodParameter] = []
    let memoryFormula = "n * d * 4"
    let budgetKnob = "none"

    func minimumFootprint(rowCount: Int, dimension: Int) -> Int { rowCount * 4 }

    func compress(_ table: EmbeddingTable, budgetBytes: Int, context: CompressionContext) throws -> any CompressedTable {
        TruncatedTable(rowCount: table.rowCount, dimension: table.dimension, keptDimensions: table.dimension, values: table.values())
    }
}

/// A method that always fails with its own error.
struct FailingMethod: TableCompressor {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "failing: the solver did not converge" }
    }

    let identifier = "failing"
    let summary = "always throws"
    let parameters: [MethodParameter] = []
    let memoryFormula = "n"
    let budgetKnob = "none"

    func minimumFootprint(rowCount: Int, dimension: Int) -> Int { rowCount }

    func compress(_ table: EmbeddingTable, budgetBytes: Int, context: CompressionContext) throws -> any CompressedTable {
        throw Failure()
    }
}

@Suite struct PluginRegistrationTests {
    static func registry() -> MethodRegistry {
        var registry = MethodRegistry()
        registry.register(TruncationMethod(), decoder: { try TruncatedTable(contents: $0) })
        registry.register(OverspendingMethod(), decoder: { try TruncatedTable(contents: $0) })
        registry.register(FailingMethod(), decoder: { try TruncatedTable(contents: $0) })
        return registry
    }

    @Test func registeredMethodIsFoundAndDecodes() throws {
        let registry = Self.registry()
        #expect(registry.compressors.map(\.identifier) == ["truncate-dimensions", "overspending", "failing"])
        let table = try gaussianTable(rows: 10, dimension: 4, seed: 1)
        let compressed = try TruncationMethod().compress(table, budgetBytes: 80, context: CompressionContext())
        let contents = ContainerContents(
            metadata: TableMetadata(methodIdentifier: compressed.methodIdentifier, rowCount: 10, dimension: 4, parameters: compressed.parameters),
            sections: compressed.containerSections())
        let restored = try registry.decodeTable(from: contents)
        #expect(try restored.decodeAll().values() == compressed.decodeAll().values())
    }

    @Test func sweepRunsUserMethodWithEveryStatus() throws {
        // 64 rows x 8 columns: Float32 size 2,048 bytes; the truncation needs at least 256.
        let table = try gaussianTable(rows: 64, dimension: 8, seed: 21)
        let budgets: [Budget] = [.fraction(0.5), .fraction(0.25), .bytes(200)]
        let configuration = SweepConfiguration(
            budgets: budgets, queryCount: 16, decodeTimingSeconds: 0.001, codec: ContainerCodec.none)
        let runner = SweepRunner(registry: Self.registry(), configuration: configuration)
        let result = runner.run(table: SweepTable(name: "generated", table: table))
        #expect(result.rows.count == 1 + 3 * budgets.count)

        let baseline = result.rows[0]
        #expect(baseline.method == "float32")
        #expect(baseline.status == .ok)
        #expect(baseline.footprintBytes == 2_048)
        #expect(baseline.recallAt10 == 1)
        #expect(baseline.relativeMSE == 0)

        func row(_ method: String, _ label: String) throws -> SweepRow {
            try #require(result.rows.first { $0.method == method && $0.budgetLabel == label })
        }

        // Truncation at 1/2 keeps 4 of 8 columns: its error is the energy of the dropped columns.
        let half = try row("truncate-dimensions", "1/2")
        #expect(half.status == .ok)
        #expect(half.parameters == "kept_dimensions=4")
        #expect(half.budgetBytes == 1_024)
        let footprint = try #require(half.footprintBytes)
        #expect(footprint <= half.budgetBytes)
        #expect(footprint == 64 * 4 * 4)
        // Without a codec the file holds the values plus a header.
        #expect(try #require(half.fileBytes) > footprint)
        #expect(half.ratio == 2)
        let values = table.values()
        var dropped = 0.0, total = 0.0
        for (index, value) in values.enumerated() {
            total += Double(value) * Double(value)
            if index % 8 >= 4 { dropped += Double(value) * Double(value) }
        }
        let relativeMSE = try #require(half.relativeMSE)
        #expect(abs(relativeMSE - dropped / total) < 1e-6)
        #expect(try #require(half.recallAt10) < 1)
        #expect(try #require(half.decodeRowsPerSecond) > 0)

        let quarter = try row("truncate-dimensions", "1/4")
        #expect(quarter.status == .ok)
        #expect(quarter.footprintBytes == 64 * 2 * 4)

        let tooSmall = try row("truncate-dimensions", "200 B")
        #expect(tooSmall.status == .infeasible)
        #expect(tooSmall.footprintBytes == nil)
        #expect(tooSmall.message.contains("256"))

        for label in ["1/2", "1/4", "200 B"] {
            let overspent = try row("overspending", label)
            #expect(overspent.status == .overBudget, "budget \(label)")
            #expect(overspent.footprintBytes == 2_048)
            #expect(overspent.meanCosine == nil, "quality of an over-budget row is not measured")
            #expect(overspent.message.contains("exceeds the budget"))
        }

        let failed = try row("failing", "1/2")
        #expect(failed.status == .error)
        #expect(failed.message == "failing: the solver did not converge")
    }
}
