import Dispatch
import EmbeddingCompression
import Foundation

/// The ctr task of a sweep: test AUC and log loss of a CTR model whose embedding layer is
/// compressed by each method at each budget.
///
/// 1. The full-table baseline (`float32`) is trained with early stopping on validation AUC,
///    and so is the same model without embeddings (`first-order-only`, see `ZeroEmbedding`).
/// 2. Every registered post-training `TableCompressor` compresses the trained table at each
///    budget. The decoded rows replace the embedding layer, the rest of the trained model
///    (first-order weights, bias, MLP) stays, and the test split is evaluated.
/// 3. Every registered `TrainableEmbeddingMethod` builds a layer within each budget and a new
///    model is trained with it from scratch, with the same settings as the baseline.
///
/// Budgets are fractions of the full table's Float32 bytes (`rows x dimension x 4`). A method
/// that cannot fit a budget gives an `infeasible` row. A method whose footprint exceeds the
/// budget gives an `over_budget` row, which is a bug in that method.
///
/// `compressSeconds` is the compression time for post-training methods and the training time
/// (layer creation included) for the baseline and training-time methods.
public struct CTRSweep {
    public let dataset: ClickDataset
    public let registry: MethodRegistry
    public let configuration: CTRSweepConfiguration

    public init(dataset: ClickDataset, registry: MethodRegistry, configuration: CTRSweepConfiguration) {
        self.dataset = dataset
        self.registry = registry
        self.configuration = configuration
    }

    /// Bytes of the full embedding table as Float32.
    public var fullTableBytes: Int { dataset.schema.totalRowCount * configuration.dimension * 4 }

    /// Runs the sweep and returns one row for the baseline and one per method and budget.
    /// - Parameter progress: receives one line per finished step, for stderr.
    /// - Throws: `CompressionError.unknownMethod` when `configuration.methods` names a method
    ///   the registry lacks. Failures of single methods become `error` rows instead.
    public func run(progress: (String) -> Void = { _ in }) throws -> [SweepRow] {
        let selected = try selectedMethods()
        var rows: [SweepRow] = []

        progress("training the full-table \(configuration.model.kind.rawValue) baseline on \(dataset.name)")
        let start = DispatchTime.now().uptimeNanoseconds
        let baseline = FullEmbedding(rowCount: dataset.schema.totalRowCount, dimension: configuration.dimension,
                                     optimizer: configuration.model.optimizer,
                                     initialScale: configuration.initialScale, seed: configuration.seed)
        let model = CTRModel(schema: dataset.schema, embedding: baseline, configuration: configuration.model)
        let report = CTRTrainer.train(model, train: dataset.train, validation: dataset.validation,
                                      configuration: configuration.training) { progress("  " + $0) }
        let baselineEvaluation = CTRTrainer.evaluate(model, on: dataset.test)
        var baselineRow = SweepRow(table: dataset.name, method: Float32Table.identifier,
                                   parameters: "model=\(configuration.model.kind.rawValue);best_epoch=\(report.bestEpoch)",
                                   budgetLabel: "1", budgetBytes: fullTableBytes)
        baselineRow.footprintBytes = baseline.footprintBytes
        baselineRow.ratio = 1
        baselineRow.compressSeconds = seconds(since: start)
        baselineRow.auc = baselineEvaluation.auc
        baselineRow.logloss = baselineEvaluation.logLoss
        Self.markDivergence(in: &baselineRow)
        baselineRow.fileBytes = try exportContainer(try baseline.export(), row: baselineRow)
        rows.append(baselineRow)
        progress("float32: test AUC \(String(format: "%.4f", baselineEvaluation.auc))")

        rows.append(measureFirstOrderOnly(progress: progress))
        progress(summary(of: rows[rows.count - 1]))

        let trainedTable = try baseline.embeddingTable()
        for compressor in selected.compressors {
            for budget in configuration.budgets {
                guard let row = measure(compressor, table: trainedTable, model: model, budget: budget) else {
                    progress("\(compressor.identifier): skipped, because its codes are searched by Hamming distance and do not approximate the embedding rows a CTR model needs")
                    break
                }
                progress(summary(of: row))
                rows.append(row)
            }
        }
        model.embedding = baseline

        for method in selected.trainable {
            for budget in configuration.budgets {
                let row = measure(method, budget: budget, progress: progress)
                progress(summary(of: row))
                rows.append(row)
            }
        }
        return rows
    }

    private func selectedMethods() throws -> (compressors: [any TableCompressor], trainable: [any TrainableEmbeddingMethod]) {
        guard let names = configuration.methods else { return (registry.compressors, registry.trainableMethods) }
        var compressors: [any TableCompressor] = []
        var trainable: [any TrainableEmbeddingMethod] = []
        for name in names {
            let method = try registry.method(named: name)
            if let compressor = method as? any TableCompressor { compressors.append(compressor) }
            if let method = method as? any TrainableEmbeddingMethod { trainable.append(method) }
        }
        return (compressors, trainable)
    }

    /// Trains the same model with a `ZeroEmbedding` (row `first-order-only`, budget 0): the
    /// quality that bias and first-order weights reach without any embedding, since those stay
    /// uncompressed under every method.
    private func measureFirstOrderOnly(progress: (String) -> Void) -> SweepRow {
        var row = SweepRow(table: dataset.name, method: "first-order-only", budgetLabel: "0", budgetBytes: 0)
        progress("training the \(configuration.model.kind.rawValue) model with first-order weights only")
        let start = DispatchTime.now().uptimeNanoseconds
        let embedding = ZeroEmbedding(rowCount: dataset.schema.totalRowCount, dimension: configuration.dimension)
        let model = CTRModel(schema: dataset.schema, embedding: embedding, configuration: configuration.model)
        _ = CTRTrainer.train(model, train: dataset.train, validation: dataset.validation,
                             configuration: configuration.training) { progress("  " + $0) }
        row.compressSeconds = seconds(since: start)
        let evaluation = CTRTrainer.evaluate(model, on: dataset.test)
        row.footprintBytes = 0
        row.auc = evaluation.auc
        row.logloss = evaluation.logLoss
        Self.markDivergence(in: &row)
        return row
    }

    /// Compresses the trained table, swaps the decoded rows into `model` and evaluates it.
    /// - Returns: nil when the compressed table's decoded rows are codes rather than an
    ///   approximation of the rows (binary codes), which a CTR model cannot use.
    private func measure(_ compressor: any TableCompressor, table: EmbeddingTable, model: CTRModel, budget: Budget) -> SweepRow? {
        let budgetBytes = budget.bytes(float32Bytes: fullTableBytes)
        var row = SweepRow(table: dataset.name, method: compressor.identifier, budgetLabel: budget.description,
                           budgetBytes: budgetBytes)
        do {
            let start = DispatchTime.now().uptimeNanoseconds
            let compressed = try compressor.compress(table, budgetBytes: budgetBytes,
                                                     context: CompressionContext(seed: configuration.seed))
            row.compressSeconds = seconds(since: start)
            if let searchable = compressed as? any NeighbourSearchable, !searchable.decodesToApproximation {
                return nil
            }
            let decodeStart = DispatchTime.now().uptimeNanoseconds
            let decoded = try compressed.decodeAll()
            row.decodeRowsPerSecond = Double(decoded.rowCount) / max(seconds(since: decodeStart), 1e-9)
            model.embedding = FullEmbedding(values: decoded)
            try record(compressed, evaluation: CTRTrainer.evaluate(model, on: dataset.test), in: &row)
        } catch {
            recordFailure(error, in: &row)
        }
        return row
    }

    /// Trains a new model whose embedding layer is `method`'s within `budget`, and evaluates it.
    private func measure(_ method: any TrainableEmbeddingMethod, budget: Budget, progress: (String) -> Void) -> SweepRow {
        let budgetBytes = budget.bytes(float32Bytes: fullTableBytes)
        var row = SweepRow(table: dataset.name, method: method.identifier, budgetLabel: budget.description,
                           budgetBytes: budgetBytes)
        do {
            let start = DispatchTime.now().uptimeNanoseconds
            let embedding = try method.makeEmbedding(
                schema: dataset.schema, dimension: configuration.dimension, budgetBytes: budgetBytes,
                optimizer: configuration.model.optimizer, seed: configuration.seed)
            let model = CTRModel(schema: dataset.schema, embedding: embedding, configuration: configuration.model)
            progress("training \(method.identifier) at budget \(budget.description)")
            _ = CTRTrainer.train(model, train: dataset.train, validation: dataset.validation,
                                 configuration: configuration.training) { progress("  " + $0) }
            row.compressSeconds = seconds(since: start)
            let exported = try embedding.export()
            try record(exported, evaluation: CTRTrainer.evaluate(model, on: dataset.test), in: &row)
        } catch {
            recordFailure(error, in: &row)
        }
        return row
    }

    /// Fills the row's footprint and quality and, when `exportFolder` is set, writes the table
    /// as a container and records its file size.
    private func record(_ table: any CompressedTable, evaluation: Evaluation, in row: inout SweepRow) throws {
        row.fileBytes = try exportContainer(table, row: row)
        row.parameters = table.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
        row.footprintBytes = table.footprintBytes
        row.ratio = table.footprintBytes > 0 ? Double(fullTableBytes) / Double(table.footprintBytes) : nil
        row.auc = evaluation.auc
        row.logloss = evaluation.logLoss
        Self.markDivergence(in: &row)
        if table.footprintBytes > row.budgetBytes {
            row.status = .overBudget
            row.message = "footprint \(table.footprintBytes) bytes exceeds the budget of \(row.budgetBytes) bytes"
        }
    }

    /// Writes `table` to `exportFolder` as `<method>-<budget>.embc` with the field schema.
    /// - Returns: the file size in bytes, or nil when no export folder is set.
    private func exportContainer(_ table: any CompressedTable, row: SweepRow) throws -> Int? {
        guard let folder = configuration.exportFolder else { return nil }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = "\(row.method)-\(row.budgetLabel.replacingOccurrences(of: "/", with: "-")).embc"
        return try ContainerFile.write(table, schema: dataset.schema, codec: .zstd, to: folder.appendingPathComponent(name))
    }

    /// Marks a row whose test logloss is not finite as an error: training diverged, and the
    /// trained values (often NaN) are not a result.
    static func markDivergence(in row: inout SweepRow) {
        guard let logloss = row.logloss, !logloss.isFinite else { return }
        row.status = .error
        row.message = "training diverged (test logloss \(logloss)); lower --learning-rate or rescale large feature values"
    }

    private func recordFailure(_ error: any Error, in row: inout SweepRow) {
        if let compressionError = error as? CompressionError, case .infeasibleBudget = compressionError {
            row.status = .infeasible
        } else {
            row.status = .error
        }
        row.message = String(describing: error)
    }

    private func summary(of row: SweepRow) -> String {
        let auc = row.auc.map { String(format: "%.4f", $0) } ?? "-"
        return "\(row.method) at \(row.budgetLabel): \(row.status.rawValue), test AUC \(auc)"
    }

    private func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
