import EmbeddingCompression
import Testing
@testable import Quantization

@Suite struct Float16Tests {
    /// Expected bit patterns follow from IEEE 754 binary16: 1 sign, 5 exponent (bias 15) and
    /// 10 fraction bits, rounded to nearest with ties to even.
    @Test func knownValuesHaveExpectedBits() throws {
        let cases: [(Float, UInt16)] = [
            (1.0 / 3.0, 0x3555),          // 0.333251953125: fraction 0x155, the rest (0.0101...b) rounds down
            (1, 0x3C00),
            (-2, 0xC000),
            (0.1, 0x2E66),
            (65504, 0x7BFF),              // largest finite half
            (0x1p-24, 0x0001),            // smallest subnormal half
            (1 + 0x1p-11, 0x3C00),        // halfway between 1 and 1 + 2^-10: ties to the even 1
            (1 + 3 * 0x1p-11, 0x3C02),    // halfway between 1 + 2^-10 and 1 + 2^-9: ties to even 0x3C02
            (0, 0x0000),
        ]
        let table = try EmbeddingTable(rowCount: 1, dimension: cases.count, values: cases.map(\.0))
        let compressed = try Float16Compressor().compress(table, budgetBytes: 1 << 20, context: singleThread)
        let half = try #require(compressed as? Float16Table)
        for (index, (value, bits)) in cases.enumerated() {
            #expect(half.values[index].bitPattern == bits, "fp16(\(value))")
        }
    }

    @Test func decodeEqualsHalfValues() throws {
        let table = try generatedTable(rowCount: 40, dimension: 12)
        let compressed = try Float16Compressor().compress(table, budgetBytes: 40 * 12 * 2, context: twoThreads)
        let original = table.values()
        let decoded = decodedValues(compressed)
        for index in original.indices {
            #expect(decoded[index] == Float(Float16(original[index])))
            // Round to nearest: relative error at most 2^-11 for normal halves.
            #expect(abs(decoded[index] - original[index]) <= abs(original[index]) * 0x1p-11 + 0x1p-25)
        }
    }

    @Test func batchDecodeMatchesRows() throws {
        let table = try generatedTable(rowCount: 30, dimension: 5)
        let compressed = try Float16Compressor().compress(table, budgetBytes: 1 << 20, context: singleThread)
        let rows = [29, 0, 7, 7, 13] + (0..<30).map { ($0 * 13 + 1) % 30 }  // more than one block of 16
        let decoded = decodedRows(compressed, rows)
        for (position, row) in rows.enumerated() {
            #expect(Array(decoded[(position * 5)..<((position + 1) * 5)]) == table.row(row).map { Float(Float16($0)) })
        }
    }

    @Test func footprintIsTwoBytesPerValue() throws {
        let table = try generatedTable(rowCount: 17, dimension: 9)
        let compressed = try Float16Compressor().compress(table, budgetBytes: 17 * 9 * 2, context: singleThread)
        #expect(compressed.footprintBytes == 17 * 9 * 2)
        #expect(sectionBytes(compressed) == compressed.footprintBytes)
    }

    @Test func infeasibleBudgetNamesSmallest() throws {
        let table = try generatedTable(rowCount: 10, dimension: 4)
        #expect(throws: CompressionError.infeasibleBudget(method: "fp16", budgetBytes: 79, smallestFeasibleBytes: 80)) {
            try Float16Compressor().compress(table, budgetBytes: 79, context: singleThread)
        }
    }

    @Test func overflowIsRejected() throws {
        let large = try EmbeddingTable(rowCount: 2, dimension: 2, values: [0, 1, 2, 70_000])
        #expect(throws: QuantizationError.outsideHalfRange(method: "fp16", row: 1, column: 1, value: 70_000)) {
            try Float16Compressor().compress(large, budgetBytes: 1 << 20, context: singleThread)
        }
        // A NaN before the overflowing value must not hide the overflow.
        let both = try EmbeddingTable(rowCount: 2, dimension: 2, values: [.nan, 1, 2, 70_000])
        #expect(throws: QuantizationError.outsideHalfRange(method: "fp16", row: 1, column: 1, value: 70_000)) {
            try Float16Compressor().compress(both, budgetBytes: 1 << 20, context: singleThread)
        }
    }

    @Test func nonFiniteValuesAreKept() throws {
        // IEEE half has NaN and both infinities, so fp16 stores them as they are.
        let table = try EmbeddingTable(rowCount: 2, dimension: 2, values: [0, .nan, .infinity, -.infinity])
        let decoded = try Float16Compressor().compress(table, budgetBytes: 1 << 20, context: singleThread).decodeAll().values()
        #expect(decoded[0] == 0)
        #expect(decoded[1].isNaN)
        #expect(decoded[2] == .infinity)
        #expect(decoded[3] == -.infinity)
    }
}
