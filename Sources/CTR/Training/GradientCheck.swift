import EmbeddingCompression
import Foundation

/// Compares hand-written backward passes with central finite differences
/// `(L(v + epsilon) - L(v - epsilon)) / (2 epsilon)`, with the loss summed in Double.
///
/// Plugin tests call `checkEmbedding` on any `TrainableEmbedding` and assert that
/// `result.failures(...)` is empty. Values are checked on the rows a batch touched (up to a limit
/// per table) plus untouched rows, whose gradient must be zero: all of them when they hold at
/// most 64 values, 8 random values otherwise.
public enum GradientCheck {
    /// One compared value.
    public struct Comparison: Sendable, CustomStringConvertible {
        /// Which value, for example `table 0 row 12 column 3` or `dense 40`.
        public var parameter: String
        public var analytic: Double
        public var numeric: Double

        public var description: String {
            "\(parameter): backward gives \(analytic), finite difference gives \(numeric)"
        }
    }

    /// Every comparison of one check.
    public struct Result: Sendable {
        public var comparisons: [Comparison]

        /// The comparisons where `|analytic - numeric| > absoluteTolerance + relativeTolerance * max(|analytic|, |numeric|)`.
        public func failures(relativeTolerance: Double, absoluteTolerance: Double) -> [Comparison] {
            comparisons.filter {
                abs($0.analytic - $0.numeric) > absoluteTolerance + relativeTolerance * max(abs($0.analytic), abs($0.numeric))
            }
        }
    }

    /// Checks `embedding.backward` for the lookups `(fields[i], rows[i])` against the loss
    /// `L = sum_i sum_d c_id * output_id` with fixed random weights `c` in `[-1, 1]`, whose gradient
    /// with respect to the output is `c`. Pending gradients are discarded before and after, and the
    /// parameter values are left as they were.
    ///
    /// - Parameters:
    ///   - epsilon: step of the finite difference, in parameter units. The loss is linear in the
    ///     output, so a large step loses no accuracy for layers that are linear in their parameters.
    ///   - maximumValuesPerTable: how many touched values of each parameter table to check.
    public static func checkEmbedding(_ embedding: any TrainableEmbedding, fields: [Int32], rows: [Int32],
                                      seed: UInt64 = 1, epsilon: Float = 1e-2,
                                      maximumValuesPerTable: Int = 64) -> Result {
        precondition(fields.count == rows.count, "checkEmbedding: one field per row")
        let dimension = embedding.dimension
        var generator = SplitMix64(seed: seed)
        let weights = (0..<(rows.count * dimension)).map { _ in Float(generator.nextUnitDouble()) * 2 - 1 }
        let loss = { () -> Double in
            var output = [Float](repeating: 0, count: rows.count * dimension)
            fields.withUnsafeBufferPointer { fields in
                rows.withUnsafeBufferPointer { rows in
                    output.withUnsafeMutableBufferPointer { embedding.forward(fields: fields, rows: rows, into: $0) }
                }
            }
            var total = 0.0
            for index in output.indices { total += Double(weights[index]) * Double(output[index]) }
            return total
        }

        for table in embedding.parameterTables { table.discardGradients() }
        fields.withUnsafeBufferPointer { fields in
            rows.withUnsafeBufferPointer { rows in
                weights.withUnsafeBufferPointer { embedding.backward(fields: fields, rows: rows, outputGradients: $0) }
            }
        }
        var comparisons: [Comparison] = []
        for (tableIndex, table) in embedding.parameterTables.enumerated() {
            comparisons += compareTable(table, name: "table \(tableIndex)", limit: maximumValuesPerTable,
                                        epsilon: epsilon, generator: &generator, loss: loss)
        }
        for table in embedding.parameterTables { table.discardGradients() }
        return Result(comparisons: comparisons)
    }

    /// Checks the gradients that `model.computeGradients(batch)` accumulates for the embedding's
    /// parameter tables, the first-order weights and the dense parameters, against the batch's
    /// mean log loss. Pending gradients are discarded before and after; no optimizer step is taken.
    ///
    /// - Parameter epsilon: step of the finite difference. The loss is computed from Float
    ///   logits, so a step near `1e-3` balances rounding against curvature.
    public static func checkModel(_ model: CTRModel, batch: ClickBatch, seed: UInt64 = 1, epsilon: Float = 1e-3,
                                  maximumValuesPerTable: Int = 64) -> Result {
        let loss = { () -> Double in
            let logits = model.logits(for: batch)
            var total = 0.0
            for (logit, label) in zip(logits, batch.labels) {
                let z = Double(logit)
                total += max(z, 0) - Double(label) * z + log1p(exp(-abs(z)))
            }
            return total / Double(batch.count)
        }
        discardModelGradients(model)
        model.computeGradients(batch)
        var generator = SplitMix64(seed: seed)
        var comparisons: [Comparison] = []
        for (tableIndex, table) in model.embedding.parameterTables.enumerated() {
            comparisons += compareTable(table, name: "embedding table \(tableIndex)", limit: maximumValuesPerTable,
                                        epsilon: epsilon, generator: &generator, loss: loss)
        }
        comparisons += compareTable(model.firstOrder, name: "first-order", limit: maximumValuesPerTable,
                                    epsilon: epsilon, generator: &generator, loss: loss)

        let denseGradients = model.denseGradients
        let denseCount = denseGradients.count
        let step = max(1, denseCount / maximumValuesPerTable)
        for index in stride(from: 0, to: denseCount, by: step) {
            let original = model.denseParameters[index]
            model.denseParameters[index] = original + epsilon
            let plus = loss()
            model.denseParameters[index] = original - epsilon
            let minus = loss()
            model.denseParameters[index] = original
            comparisons.append(Comparison(parameter: "dense \(index)", analytic: Double(denseGradients[index]),
                                          numeric: (plus - minus) / (2 * Double(epsilon))))
        }
        discardModelGradients(model)
        return Result(comparisons: comparisons)
    }

    static func discardModelGradients(_ model: CTRModel) {
        for table in model.embedding.parameterTables { table.discardGradients() }
        model.firstOrder.discardGradients()
        for index in model.denseGradients.indices { model.denseGradients[index] = 0 }
    }

    /// Compares the pending gradient of up to `limit` values of touched rows, and of untouched
    /// rows, with finite differences of `loss`.
    static func compareTable(_ table: SparseParameterTable, name: String, limit: Int, epsilon: Float,
                             generator: inout SplitMix64, loss: () -> Double) -> [Comparison] {
        let dimension = table.dimension
        let touched = table.pendingRows.map(Int.init)
        var candidates: [(row: Int, column: Int)] = []
        for row in touched {
            for column in 0..<dimension { candidates.append((row, column)) }
        }
        if candidates.count > limit {
            let step = Double(candidates.count) / Double(limit)
            candidates = (0..<limit).map { candidates[Int(Double($0) * step)] }
        }
        // Untouched rows must get no gradient: check all of them in a small table, 8 otherwise.
        let touchedSet = Set(touched)
        let untouchedRows = table.rowCount - touchedSet.count
        if untouchedRows * dimension <= 64 {
            for row in 0..<table.rowCount where !touchedSet.contains(row) {
                for column in 0..<dimension { candidates.append((row, column)) }
            }
        } else {
            var untouchedChecked = 0
            while untouchedChecked < 8 {
                let row = Int(generator.next() % UInt64(table.rowCount))
                guard !touchedSet.contains(row) else { continue }
                candidates.append((row, Int(generator.next() % UInt64(dimension))))
                untouchedChecked += 1
            }
        }

        var comparisons: [Comparison] = []
        for (row, column) in candidates {
            let analytic = Double(table.pendingGradient(row: row)[column])
            let index = row * dimension + column
            let original = table.values[index]
            table.values[index] = original + epsilon
            let plus = loss()
            table.values[index] = original - epsilon
            let minus = loss()
            table.values[index] = original
            comparisons.append(Comparison(parameter: "\(name) row \(row) column \(column)", analytic: analytic,
                                          numeric: (plus - minus) / (2 * Double(epsilon))))
        }
        return comparisons
    }
}
