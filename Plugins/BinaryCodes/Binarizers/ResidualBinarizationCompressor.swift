import EmbeddingCompression
import Foundation

/// `residual-binarization`: recurrent residual binarization with `u` bits per dimension, in
/// the spirit of the recurrent binarization of BEBR (Gan et al., "Binary Embedding-based
/// Retrieval at Tencent", KDD 2023), without its learned networks.
///
/// Step 0 binarizes the centred row `r₀ = x - mean` to `b₀ = sign(r₀)` in {-1, +1} with the
/// per-dimension scale `α₀ = mean |r₀|` over rows (the least-squares scale for fixed signs).
/// Step `s` binarizes the residual `r_s = r_{s-1} - α_{s-1} ⊙ b_{s-1}` the same way. The row
/// decodes to `mean + Σ_s α_s ⊙ b_s`, so each step can only lower the squared error.
public struct ResidualBinarizationCompressor: TableCompressor {
    /// Maximum steps (bits per dimension) that a budget may choose.
    public var maximumSteps: Int

    public init(maximumSteps: Int = 4) {
        self.maximumSteps = maximumSteps
    }

    public let identifier = "residual-binarization"
    public let summary = "u sign bits per dimension, each binarizing the residual of the previous steps with per-step scales"
    public var parameters: [MethodParameter] {
        [
            MethodParameter(name: "steps", unit: "bits", defaultValue: "from budget",
                            summary: "residual steps u, one bit per dimension each; at most \(maximumSteps)"),
        ]
    }
    public let memoryFormula = "n * ceil(u * d / 64) * 8 + 4 * d + 4 * u * d"
    public let budgetKnob = "steps u (bits per dimension), from the whole 64-bit words the budget allows"

    public func compress(_ table: EmbeddingTable, budgetBytes: Int, context: CompressionContext) throws -> any CompressedTable {
        let dimension = table.dimension, rowCount = table.rowCount
        guard let bits = CodeLength.largestFitting(
            rowCount: rowCount, budgetBytes: budgetBytes,
            bitsForWords: { min($0 * 64 / dimension, maximumSteps) * dimension },
            footprint: { Self.footprint(rowCount: rowCount, dimension: dimension, steps: $0 / dimension) })
        else {
            throw CompressionError.infeasibleBudget(
                method: identifier, budgetBytes: budgetBytes,
                smallestFeasibleBytes: minimumFootprint(rowCount: rowCount, dimension: dimension))
        }
        return try compress(table, steps: bits / dimension, threadCount: context.threadCount)
    }

    /// Compresses with an explicit number of steps.
    /// - Throws: `CompressionError.invalidParameter` when `steps < 1`,
    ///   `BinaryCodesError.nonFiniteValue` for NaN or infinite values.
    public func compress(_ table: EmbeddingTable, steps: Int, threadCount: Int) throws -> ResidualBinaryTable {
        guard steps >= 1 else {
            throw CompressionError.invalidParameter(method: identifier, name: "steps", value: String(steps), reason: "must be at least 1")
        }
        try ProjectionEncoder.requireFinite(table)
        let dimension = table.dimension, rowCount = table.rowCount
        let mean = ProjectionEncoder.columnMeans(table)
        var residual = table.values()
        for row in 0..<rowCount {
            for column in 0..<dimension { residual[row * dimension + column] -= mean[column] }
        }
        let bits = steps * dimension
        let wordsPerRow = (bits + 63) / 64
        var words = [UInt64](repeating: 0, count: rowCount * wordsPerRow)
        var scales = [Float](repeating: 0, count: steps * dimension)
        let chunkCount = max(1, min(threadCount, rowCount))

        for step in 0..<steps {
            // Per-dimension mean absolute residual, summed per chunk and merged in chunk order.
            var partialSums = [Double](repeating: 0, count: chunkCount * dimension)
            residual.withUnsafeBufferPointer { residualBuffer in
                partialSums.withUnsafeMutableBufferPointer { sumsBuffer in
                    let input = SharedBuffer(residualBuffer), sums = SharedMutableBuffer(sumsBuffer)
                    forEachRowRange(count: rowCount, threadCount: chunkCount) { chunk, range in
                        for row in range {
                            for column in 0..<dimension {
                                sums[chunk * dimension + column] += Double(abs(input[row * dimension + column]))
                            }
                        }
                    }
                }
            }
            for column in 0..<dimension {
                var total = 0.0
                for chunk in 0..<chunkCount { total += partialSums[chunk * dimension + column] }
                scales[step * dimension + column] = Float(total / Double(rowCount))
            }

            // Sign bits of this step, then subtract their scaled values from the residual.
            let stepScales = Array(scales[(step * dimension)..<((step + 1) * dimension)])
            residual.withUnsafeMutableBufferPointer { residualBuffer in
                words.withUnsafeMutableBufferPointer { wordsBuffer in
                    let values = SharedMutableBuffer(residualBuffer), output = SharedMutableBuffer(wordsBuffer)
                    forEachRowRange(count: rowCount, threadCount: chunkCount) { _, range in
                        for row in range {
                            for column in 0..<dimension {
                                let index = row * dimension + column
                                let positive = values[index] > 0
                                if positive {
                                    let bit = step * dimension + column
                                    output[row * wordsPerRow + bit / 64] |= UInt64(1) << UInt64(bit % 64)
                                }
                                values[index] -= positive ? stepScales[column] : -stepScales[column]
                            }
                        }
                    }
                }
            }
        }
        let codes = PackedBinaryCodes(rowCount: rowCount, bitCount: bits, trustedWords: words)
        return ResidualBinaryTable(dimension: dimension, steps: steps, mean: mean, scales: scales, codes: codes)
    }

    public func minimumFootprint(rowCount: Int, dimension: Int) -> Int {
        // One step needs ceil(d / 64) words per row.
        Self.footprint(rowCount: rowCount, dimension: dimension, steps: 1)
    }

    static func footprint(rowCount: Int, dimension: Int, steps: Int) -> Int {
        CodeLength.codeBytes(rowCount: rowCount, bits: steps * dimension) + 4 * dimension + 4 * steps * dimension
    }
}
