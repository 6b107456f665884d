import EmbeddingCompression
import Foundation

/// `itq`: iterative quantization (Gong and Lazebnik, "Iterative Quantization: A Procrustean
/// Approach to Learning Binary Codes", CVPR 2011).
///
/// PCA projects the centred rows to `bits` dimensions (`V`), then ITQ looks for the rotation
/// `R` that minimises the quantization loss `‖B - V R‖²_F` with `B = sign(V R)`, alternating
/// two exact steps: fix `R` and set `B = sign(V R)`, then fix `B` and set `R` to the orthogonal
/// Procrustes solution (the polar factor of `Vᵀ B`). Neither step raises the loss.
///
/// PCA and the rotation are fitted on a seeded sample of at most `trainingRows` rows, as the
/// paper does on large sets; every row is then encoded with the fitted projection.
public struct ITQCompressor: TableCompressor {
    /// Alternating steps.
    public var iterations: Int
    /// Rows sampled to fit PCA and the rotation.
    public var trainingRows: Int

    public init(iterations: Int = 20, trainingRows: Int = 5_000) {
        self.iterations = iterations
        self.trainingRows = trainingRows
    }

    public let identifier = "itq"
    public let summary = "iterative quantization: PCA to b dimensions, learned rotation, sign bits; Hamming search"
    public var parameters: [MethodParameter] {
        [
            MethodParameter(name: "bits", unit: "bits", defaultValue: "from budget",
                            summary: "code length per row, a multiple of 64 capped at the dimension"),
            MethodParameter(name: "iterations", unit: "iterations", defaultValue: String(iterations),
                            summary: "alternating sign and Procrustes steps"),
            MethodParameter(name: "training-rows", unit: "rows", defaultValue: String(trainingRows),
                            summary: "seeded sample used to fit PCA and the rotation"),
        ]
    }
    public let memoryFormula = "n * ceil(b / 64) * 8 + 4 * d + 4 * b * d"
    public let budgetKnob = "code length b in bits (multiple of 64, at most d)"

    /// What fitting produced: the serving projection and the loss after each sign step.
    public struct Fit: Sendable {
        public let mean: [Float]
        /// `bits x dimension`, row-major: `(W R)ᵀ` with `W` the top `bits` principal directions.
        public let projection: [Float]
        /// `‖B - V R‖²_F` on the training sample after each sign step, in order.
        public let quantizationLosses: [Double]
    }

    public func compress(_ table: EmbeddingTable, budgetBytes: Int, context: CompressionContext) throws -> any CompressedTable {
        let dimension = table.dimension
        guard let bits = CodeLength.largestFitting(
            rowCount: table.rowCount, budgetBytes: budgetBytes,
            bitsForWords: { min($0 * 64, dimension) },
            footprint: { SignRotationCompressor.footprint(rowCount: table.rowCount, dimension: dimension, bits: $0) })
        else {
            throw CompressionError.infeasibleBudget(
                method: identifier, budgetBytes: budgetBytes,
                smallestFeasibleBytes: minimumFootprint(rowCount: table.rowCount, dimension: dimension))
        }
        return try compress(table, bits: bits, seed: context.seed, threadCount: context.threadCount)
    }

    /// Compresses with an explicit code length.
    /// - Throws: `CompressionError.invalidParameter` when `bits` is not in `1...dimension`,
    ///   `BinaryCodesError.nonFiniteValue` for NaN or infinite values.
    public func compress(_ table: EmbeddingTable, bits: Int, seed: UInt64, threadCount: Int) throws -> BinaryProjectionTable {
        let fit = try fit(table, bits: bits, seed: seed)
        let codes = ProjectionEncoder.encode(table, mean: fit.mean, projection: fit.projection, bits: bits, threadCount: threadCount)
        return BinaryProjectionTable(
            methodIdentifier: identifier, dimension: table.dimension, mean: fit.mean, projection: fit.projection,
            codes: codes, extraParameters: ["iterations": String(iterations), "seed": String(seed)])
    }

    /// Fits PCA and the ITQ rotation on a seeded sample of `table`.
    public func fit(_ table: EmbeddingTable, bits: Int, seed: UInt64) throws -> Fit {
        let dimension = table.dimension
        guard bits >= 1 && bits <= dimension else {
            throw CompressionError.invalidParameter(method: identifier, name: "bits", value: String(bits),
                                                    reason: "must be between 1 and the dimension \(dimension)")
        }
        guard iterations >= 0, trainingRows >= 1 else {
            throw CompressionError.invalidParameter(method: identifier, name: "iterations", value: String(iterations),
                                                    reason: "iterations must be >= 0 and training rows >= 1")
        }
        try ProjectionEncoder.requireFinite(table)
        var generator = SplitMix64(seed: seed)
        let sampleRows = Self.sampleRows(count: table.rowCount, limit: trainingRows, generator: &generator)
        let mean = ProjectionEncoder.columnMeans(table)

        // Centred sample, Float64, and its covariance.
        let m = sampleRows.count
        var centred = Matrix(zeros: m, dimension)
        table.withUnsafeBufferPointer { values in
            for (index, row) in sampleRows.enumerated() {
                for column in 0..<dimension {
                    centred[index, column] = Double(values[row * dimension + column] - mean[column])
                }
            }
        }
        let covariance = centred.transposed.multiplied(by: centred)
        let principal = SymmetricEigen(covariance).eigenvectors
        var w = Matrix(zeros: dimension, bits)
        for row in 0..<dimension { for column in 0..<bits { w[row, column] = principal[row, column] } }
        let v = centred.multiplied(by: w)
        let vTransposed = v.transposed

        var rotation = Orthogonal.randomRotation(size: bits, seed: generator.next())
        var losses: [Double] = []
        var previousVectors: Matrix? = nil
        for _ in 0..<iterations {
            let projected = v.multiplied(by: rotation)
            var signs = Matrix(zeros: m, bits)
            var loss = 0.0
            for index in projected.values.indices {
                let sign: Double = projected.values[index] > 0 ? 1 : -1
                signs.values[index] = sign
                loss += (sign - projected.values[index]) * (sign - projected.values[index])
            }
            losses.append(loss)
            rotation = Orthogonal.procrustes(vTransposed.multiplied(by: signs), rightVectors: &previousVectors)
        }

        let combined = w.multiplied(by: rotation)  // dimension x bits
        let projection = combined.transposed.values.map { Float($0) }
        return Fit(mean: mean, projection: projection, quantizationLosses: losses)
    }

    /// A seeded sample of `min(count, limit)` distinct rows in increasing order.
    static func sampleRows(count: Int, limit: Int, generator: inout SplitMix64) -> [Int] {
        guard count > limit else { return Array(0..<count) }
        var rows = Array(0..<count)
        for index in 0..<limit {
            let other = index + Int(generator.next() % UInt64(count - index))
            rows.swapAt(index, other)
        }
        return rows[0..<limit].sorted()
    }

    public func minimumFootprint(rowCount: Int, dimension: Int) -> Int {
        SignRotationCompressor.footprint(rowCount: rowCount, dimension: dimension, bits: min(64, dimension))
    }
}
