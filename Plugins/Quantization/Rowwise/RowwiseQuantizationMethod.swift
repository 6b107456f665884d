import EmbeddingCompression

/// Row-wise asymmetric quantization at a fixed bit width, shared by `int8-rowwise`,
/// `int4-rowwise` and `int2-rowwise`.
///
/// Each row stores `ceil(d * bits / 8)` bytes of codes followed by an fp16 scale and an fp16
/// bias, in the fused layout of FBGEMM's FloatOrHalfToFusedNBitRowwiseQuantizedSBHalf, so the
/// buffer can be handed to FBGEMM's fused row-wise kernels without conversion.
public protocol RowwiseQuantizationMethod: TableCompressor {
    /// Bits per code: 8, 4 or 2.
    static var bitWidth: Int { get }
}

extension RowwiseQuantizationMethod {
    public var parameters: [MethodParameter] {
        [MethodParameter(name: "bits", unit: "bits", defaultValue: String(Self.bitWidth),
                         summary: "bits per code, fixed for this method")]
    }

    public var memoryFormula: String {
        Self.bitWidth == 8 ? "n * (d + 4)" : "n * (ceil(d * \(Self.bitWidth) / 8) + 4)"
    }

    public var budgetKnob: String { "none: fixed \(Self.bitWidth) bits per value plus a 4-byte fp16 scale and bias per row" }

    /// `n * (ceil(d * bits / 8) + 4)`: the only setting, so also the exact footprint.
    public func minimumFootprint(rowCount: Int, dimension: Int) -> Int {
        rowCount * (RowwiseKernels.codeBytes(dimension: dimension, bits: Self.bitWidth) + 4)
    }

    /// Quantizes every row, rows split over `context.threadCount` threads.
    /// - Complexity: O(n * d).
    /// - Throws: `CompressionError.infeasibleBudget` when the footprint exceeds `budgetBytes`;
    ///   `QuantizationError` for a NaN or infinite value, or a row whose scale or bias does not
    ///   fit fp16 (magnitudes beyond 65,504).
    public func compress(
        _ table: EmbeddingTable, budgetBytes: Int, context: CompressionContext
    ) throws -> any CompressedTable {
        let footprint = minimumFootprint(rowCount: table.rowCount, dimension: table.dimension)
        guard footprint <= budgetBytes else {
            throw CompressionError.infeasibleBudget(
                method: identifier, budgetBytes: budgetBytes, smallestFeasibleBytes: footprint)
        }
        return try RowwiseQuantizedTable.quantize(table, bits: Self.bitWidth, threadCount: context.threadCount)
    }
}
