/// Runs every compressor at every budget on each table and measures each result on the
/// table's tasks, producing one `SweepRow` per table x method x budget.
///
/// Per table the task inputs that do not depend on a method (exact neighbours of the query
/// rows, vocabulary look-ups) are prepared once and reused for every method. Each row's status:
/// - `infeasible` when the compressor throws `CompressionError.infeasibleBudget`; the message
///   names the smallest feasible budget.
/// - `over_budget` when the returned footprint exceeds the budget. Quality is not measured,
///   because such a result is a bug in the method and must not be compared with valid rows.
/// - `error` when the compressor or a task throws, or the compressed shape is wrong.
/// - `ok` otherwise.
public struct SweepRunner: Sendable {
    public let compressors: [any TableCompressor]
    public let configuration: SweepConfiguration
    /// Receives one line per step of long work, for a progress log on stderr.
    public let progress: @Sendable (String) -> Void

    public init(
        compressors: [any TableCompressor], configuration: SweepConfiguration,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.compressors = compressors
        self.configuration = configuration
        self.progress = progress
    }

    /// Runs the registry's post-training methods.
    public init(
        registry: MethodRegistry, configuration: SweepConfiguration,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.init(compressors: registry.compressors, configuration: configuration, progress: progress)
    }

    /// Sweeps every table in order.
    public func run(tables: [SweepTable]) -> SweepResult {
        var result = SweepResult()
        for table in tables {
            let tableResult = run(table: table)
            result.rows += tableResult.rows
            result.notes += tableResult.notes
        }
        return result
    }

    /// Sweeps one table: the `float32` reference row first (when configured), then each
    /// compressor at each budget.
    public func run(table input: SweepTable) -> SweepResult {
        let clock = ContinuousClock()
        let start = clock.now
        progress("\(input.name): preparing tasks on \(input.table.rowCount) x \(input.table.dimension)")
        let tasks = SweepTasks(input: input, configuration: configuration)
        let notes = tasks.notes(tableName: input.name)
        progress("\(input.name): tasks ready in \(Self.format(seconds: (clock.now - start).seconds))")

        var rows: [SweepRow] = []
        let total = compressors.count * configuration.budgets.count + (configuration.includeFloat32Baseline ? 1 : 0)
        if configuration.includeFloat32Baseline {
            let float32Bytes = input.table.float32Bytes
            var row = SweepRow(
                table: input.name, method: Float32Table.identifier,
                budgetLabel: "1/1", budgetBytes: float32Bytes)
            row.compressSeconds = 0
            measure(Float32Table(table: input.table), tasks: tasks, into: &row)
            rows.append(row)
            report(row, index: rows.count, total: total)
        }
        var finishedCount = rows.count
        for compressor in compressors {
            rows += runBudgets(compressor: compressor, input: input, tasks: tasks) { row in
                finishedCount += 1
                report(row, index: finishedCount, total: total)
            }
        }
        progress("\(input.name): \(rows.count) rows in \(Self.format(seconds: (clock.now - start).seconds))")
        return SweepResult(rows: rows, notes: notes)
    }

    /// Runs one compressor at every budget and returns the rows in the configured budget order.
    ///
    /// Budgets run from the largest down. When `reuseFittingResults` is set and the result at a
    /// larger budget is ok and fits a smaller one, that result is reused for the smaller budget
    /// instead of compressing again. This follows from the `TableCompressor` contract: a method
    /// returns the most accurate setting that fits, and the same seed gives the same output.
    private func runBudgets(
        compressor: any TableCompressor, input: SweepTable, tasks: SweepTasks, finished: (SweepRow) -> Void
    ) -> [SweepRow] {
        let budgets = configuration.budgets
        let budgetBytes = budgets.map { $0.bytes(float32Bytes: input.table.float32Bytes) }
        let order = budgets.indices.sorted { budgetBytes[$0] != budgetBytes[$1] ? budgetBytes[$0] > budgetBytes[$1] : $0 < $1 }
        var rows = [SweepRow?](repeating: nil, count: budgets.count)
        var lastOk: SweepRow?
        for index in order {
            if configuration.reuseFittingResults, let reusable = lastOk,
               let footprint = reusable.footprintBytes, footprint <= budgetBytes[index] {
                var row = reusable
                row.budgetLabel = budgets[index].description
                row.budgetBytes = budgetBytes[index]
                rows[index] = row
                progress("\(input.name) \(compressor.identifier) at \(row.budgetLabel): the result at \(reusable.budgetLabel) fits, so it is reused")
                finished(row)
                continue
            }
            let row = runOne(compressor: compressor, budget: budgets[index], input: input, tasks: tasks)
            if row.status == .ok { lastOk = row }
            rows[index] = row
            finished(row)
        }
        return rows.compactMap { $0 }
    }

    /// Compresses the table with one method at one budget and measures the result.
    private func runOne(compressor: any TableCompressor, budget: Budget, input: SweepTable, tasks: SweepTasks) -> SweepRow {
        let budgetBytes = budget.bytes(float32Bytes: input.table.float32Bytes)
        var row = SweepRow(
            table: input.name, method: compressor.identifier, budgetLabel: budget.description, budgetBytes: budgetBytes)
        let context = CompressionContext(seed: configuration.seed, threadCount: configuration.threadCount)
        let clock = ContinuousClock()
        let compressed: any CompressedTable
        do {
            let start = clock.now
            compressed = try compressor.compress(input.table, budgetBytes: budgetBytes, context: context)
            row.compressSeconds = (clock.now - start).seconds
        } catch let error as CompressionError {
            if case .infeasibleBudget = error {
                row.status = .infeasible
            } else {
                row.status = .error
            }
            row.message = error.description
            return row
        } catch {
            row.status = .error
            row.message = "\(error)"
            return row
        }

        row.parameters = Self.format(parameters: compressed.parameters)
        row.footprintBytes = compressed.footprintBytes
        row.ratio = Double(input.table.float32Bytes) / Double(max(compressed.footprintBytes, 1))
        guard compressed.rowCount == input.table.rowCount, compressed.dimension == input.table.dimension else {
            row.status = .error
            row.message = "\(compressor.identifier) returned a \(compressed.rowCount) x \(compressed.dimension) table for a \(input.table.rowCount) x \(input.table.dimension) input"
            return row
        }
        guard compressed.footprintBytes <= budgetBytes else {
            row.status = .overBudget
            row.message = "footprint of \(compressed.footprintBytes) bytes exceeds the budget of \(budgetBytes) bytes by \(compressed.footprintBytes - budgetBytes); the method's budget logic is wrong"
            return row
        }
        measure(compressed, tasks: tasks, into: &row)
        return row
    }

    /// Fills the file size, decode throughput and task metrics of `row`. A thrown error turns
    /// the row into an error row that keeps the metrics measured before it.
    private func measure(_ compressed: any CompressedTable, tasks: SweepTasks, into row: inout SweepRow) {
        row.footprintBytes = compressed.footprintBytes
        row.ratio = Double(tasks.table.float32Bytes) / Double(max(compressed.footprintBytes, 1))
        do {
            if let codec = configuration.codec {
                row.fileBytes = try Self.containerFileBytes(of: compressed, codec: codec)
            }
            row.decodeRowsPerSecond = DecodeThroughput.rowsPerSecond(
                of: compressed, seed: configuration.seed, minimumSeconds: configuration.decodeTimingSeconds)
            let decoded = try compressed.decodeAll()
            let searchable = compressed as? any NeighbourSearchable
            if searchable?.decodesToApproximation ?? true {
                let reconstruction = ReconstructionMetrics.measure(original: tasks.table, decoded: decoded)
                row.relativeMSE = reconstruction.relativeMSE
                row.meanCosine = reconstruction.meanCosine
            }
            if let searchable {
                row.recallAt10 = tasks.neighbours.recall(searchable: searchable, reranking: nil)
                row.recallAt10Reranked = tasks.neighbours.recall(searchable: searchable, reranking: tasks.table)
            } else {
                row.recallAt10 = tasks.neighbours.recall(decoded: decoded)
            }
            row.wordsimSpearman = tasks.wordSimilarity?.evaluate(on: decoded).spearman
            row.analogyAccuracy = tasks.analogy?.evaluate(on: decoded).accuracy
        } catch {
            row.status = .error
            row.message = "\(error)"
        }
    }

    /// Writes `compressed` with `ContainerFile` to a temporary file, deletes it, and returns its size.
    static func containerFileBytes(of compressed: any CompressedTable, codec: ContainerCodec) throws -> Int {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("embcompress-sweep-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max)).container")
        defer { try? FileManager.default.removeItem(at: url) }
        return try ContainerFile.write(compressed, codec: codec, to: url)
    }

    private func report(_ row: SweepRow, index: Int, total: Int) {
        var line = "\(row.table) [\(index)/\(total)] \(row.method) at \(row.budgetLabel): \(row.status.rawValue)"
        if let seconds = row.compressSeconds { line += ", compressed in \(Self.format(seconds: seconds))" }
        if !row.message.isEmpty { line += " (\(row.message))" }
        progress(line)
    }

    /// `key=value` pairs sorted by key and joined by `;`.
    static func format(parameters: [String: String]) -> String {
        parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    static func format(seconds: Double) -> String {
        seconds < 10 ? String(format: "%.2f s", seconds) : String(format: "%.1f s", seconds)
    }
}

/// The rows of a sweep, and one note per table and task on what the task covered
/// (query count, word pairs skipped, analogy questions answerable).
public struct SweepResult: Sendable {
    public var rows: [SweepRow] = []
    public var notes: [String] = []

    public init(rows: [SweepRow] = [], notes: [String] = []) {
        self.rows = rows
        self.notes = notes
    }
}

import Foundation
