import EmbeddingCompression
import Foundation

/// `sign-rotation`: subtract the column means, rotate by a seeded random orthogonal matrix and
/// keep the sign of the first `bits` rotated coordinates.
///
/// With `bits == dimension` this is a random rotation followed by sign; with fewer bits it is
/// sign random projection onto orthonormal directions (locality-sensitive hashing for cosine
/// similarity, Charikar 2002). The rotation spreads variance over the coordinates so that no bit
/// is wasted on a near-constant column.
public struct SignRotationCompressor: TableCompressor {
    public init() {}

    public let identifier = "sign-rotation"
    public let summary = "sign bits of a seeded random rotation of the centred rows; Hamming search"
    public var parameters: [MethodParameter] {
        [MethodParameter(name: "bits", unit: "bits", defaultValue: "from budget",
                         summary: "code length per row, a multiple of 64 capped at the dimension")]
    }
    public let memoryFormula = "n * ceil(b / 64) * 8 + 4 * d + 4 * b * d"
    public let budgetKnob = "code length b in bits (multiple of 64, at most d)"

    public func compress(_ table: EmbeddingTable, budgetBytes: Int, context: CompressionContext) throws -> any CompressedTable {
        let dimension = table.dimension
        guard let bits = CodeLength.largestFitting(
            rowCount: table.rowCount, budgetBytes: budgetBytes,
            bitsForWords: { min($0 * 64, dimension) },
            footprint: { Self.footprint(rowCount: table.rowCount, dimension: dimension, bits: $0) })
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
        guard bits >= 1 && bits <= table.dimension else {
            throw CompressionError.invalidParameter(method: identifier, name: "bits", value: String(bits),
                                                    reason: "must be between 1 and the dimension \(table.dimension)")
        }
        try ProjectionEncoder.requireFinite(table)
        let mean = ProjectionEncoder.columnMeans(table)
        let rotation = Orthogonal.randomRotation(size: table.dimension, seed: seed)
        let projection = rotation.values[0..<(bits * table.dimension)].map { Float($0) }
        let codes = ProjectionEncoder.encode(table, mean: mean, projection: projection, bits: bits, threadCount: threadCount)
        return BinaryProjectionTable(methodIdentifier: identifier, dimension: table.dimension, mean: mean,
                                     projection: projection, codes: codes, extraParameters: ["seed": String(seed)])
    }

    public func minimumFootprint(rowCount: Int, dimension: Int) -> Int {
        Self.footprint(rowCount: rowCount, dimension: dimension, bits: min(64, dimension))
    }

    static func footprint(rowCount: Int, dimension: Int, bits: Int) -> Int {
        CodeLength.codeBytes(rowCount: rowCount, bits: bits) + 4 * dimension + 4 * bits * dimension
    }
}
