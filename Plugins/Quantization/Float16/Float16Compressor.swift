import EmbeddingCompression

/// The `fp16` method: every value stored as an IEEE 754 half-precision float, rounded to
/// nearest with ties to even. Footprint `n * d * 2` bytes.
public struct Float16Compressor: TableCompressor {
    public static let identifier = "fp16"

    public init() {}

    public var identifier: String { Self.identifier }
    public var summary: String { "each value as an IEEE half-precision float (round to nearest even)" }
    public var parameters: [MethodParameter] { [] }
    public var memoryFormula: String { "n * d * 2" }
    public var budgetKnob: String { "none: fixed 16 bits per value" }

    public func minimumFootprint(rowCount: Int, dimension: Int) -> Int {
        rowCount * dimension * MemoryLayout<Float16>.size
    }

    /// Converts every value to fp16, rows split over `context.threadCount` threads.
    /// - Throws: `CompressionError.infeasibleBudget` when `n * d * 2 > budgetBytes`;
    ///   `QuantizationError` for a NaN, an infinity or a magnitude that rounds beyond 65,504.
    public func compress(
        _ table: EmbeddingTable, budgetBytes: Int, context: CompressionContext
    ) throws -> any CompressedTable {
        let footprint = minimumFootprint(rowCount: table.rowCount, dimension: table.dimension)
        guard footprint <= budgetBytes else {
            throw CompressionError.infeasibleBudget(
                method: identifier, budgetBytes: budgetBytes, smallestFeasibleBytes: footprint)
        }
        let valueCount = table.rowCount * table.dimension
        let storage = AlignedBuffer<Float16>(uninitializedCount: valueCount)
        let badIndex = table.withUnsafeBufferPointer { input in
            Self.convert(input, into: storage.mutableBuffer, threadCount: context.threadCount)
        }
        if badIndex != Int.max {
            // fp16 stores NaN and infinities as they are, so only a finite value that overflowed
            // is an error. A table reaches here with NaN or Inf only when its reader was told to
            // allow them (--allow-non-finite).
            let overflowIndex = table.withUnsafeBufferPointer { input in
                (badIndex..<valueCount).first { input[$0].isFinite && !Float(storage.buffer[$0]).isFinite }
            }
            if let overflowIndex {
                let value = table.withUnsafeBufferPointer { $0[overflowIndex] }
                throw QuantizationError.outsideHalfRange(
                    method: identifier, row: overflowIndex / table.dimension,
                    column: overflowIndex % table.dimension, value: value)
            }
        }
        return Float16Table(rowCount: table.rowCount, dimension: table.dimension, storage: storage)
    }

    /// Converts `input` to fp16 in parallel chunks.
    /// - Returns: the first index whose fp16 value is not finite, or `Int.max` when there is none.
    static func convert(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float16>, threadCount: Int
    ) -> Int {
        let chunks = chunkCount(count: input.count, threadCount: threadCount, minimumChunk: 1 << 16)
        var firstBad = [Int](repeating: Int.max, count: max(chunks, 1))
        firstBad.withUnsafeMutableBufferPointer { firstBad in
            forEachChunk(count: input.count, threadCount: threadCount, minimumChunk: 1 << 16) { chunk, range in
                // Rounds to nearest, ties to even; an overflow becomes infinity, which the
                // exponent test catches together with NaN and infinite inputs.
                var nonFinite: UInt16 = 0
                for index in range {
                    let bits = HalfPrecision.bits(from: input[index])
                    output[index] = Float16(bitPattern: bits)
                    nonFinite |= bits & 0x7C00 == 0x7C00 ? 1 : 0
                }
                let allFinite = nonFinite == 0
                if !allFinite {
                    firstBad[chunk] = range.first { !output[$0].isFinite } ?? Int.max
                }
            }
        }
        return firstBad.min() ?? Int.max
    }
}
