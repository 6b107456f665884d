import EmbeddingCompression
import Testing
@testable import Quantization

/// Checks shared by the int8, int4 and int2 row-wise test suites, each run at one bit width.
enum RowwiseChecks {
    static func compressor(bits: Int) -> any TableCompressor {
        switch bits {
        case 8: return Int8RowwiseQuantizer()
        case 4: return Int4RowwiseQuantizer()
        default: return Int2RowwiseQuantizer()
        }
    }

    static func quantize(_ table: EmbeddingTable, bits: Int, context: CompressionContext = twoThreads) throws -> RowwiseQuantizedTable {
        let compressed = try compressor(bits: bits).compress(table, budgetBytes: Int.max, context: context)
        return try #require(compressed as? RowwiseQuantizedTable)
    }

    /// Codes, scales and biases equal the reference quantizer for every row, on a table large
    /// enough to be split into several chunks over two threads.
    static func matchesReference(bits: Int) throws {
        let table = try generatedTable(rowCount: 1500, dimension: 37, seed: UInt64(bits))
        let quantized = try quantize(table, bits: bits)
        for row in 0..<table.rowCount {
            let reference = ReferenceRow(table.row(row), bits: bits)
            let stored = storedScaleAndBias(quantized, row: row)
            #expect(unpackCodes(quantized, row: row) == reference.codes, "row \(row)")
            #expect(stored.scale.bitPattern == reference.scale.bitPattern, "row \(row)")
            #expect(stored.bias.bitPattern == reference.bias.bitPattern, "row \(row)")
        }
        let decoded = decodedValues(quantized)
        for row in [0, 1, 749, 1499] {
            let reference = ReferenceRow(table.row(row), bits: bits)
            for column in 0..<table.dimension {
                #expect(decoded[row * table.dimension + column] == reference.decoded(column))
            }
        }
    }

    /// |x - decoded| is at most half a step, plus what fp16 rounding of the bias (relative
    /// 2^-11 of min) and of the scale (at most range * 2^-11 at the top code) can add.
    static func errorWithinBound(bits: Int) throws {
        let table = try generatedTable(rowCount: 200, dimension: 24, seed: 99, spread: 3)
        let quantized = try quantize(table, bits: bits)
        let decoded = decodedValues(quantized)
        for row in 0..<table.rowCount {
            let values = table.row(row)
            let minimum = values.min()!, maximum = values.max()!
            let scale = Float(storedScaleAndBias(quantized, row: row).scale)
            let roundingSlack = (maximum - minimum) * 0x1p-11 + abs(minimum) * 0x1p-11 + 0x1p-24
            let arithmeticSlack = 4 * Float.ulpOfOne * (abs(maximum) + abs(minimum))
            let bound = scale / 2 + roundingSlack + arithmeticSlack
            for column in 0..<table.dimension {
                let error = abs(values[column] - decoded[row * table.dimension + column])
                #expect(error <= bound, "row \(row), column \(column): error \(error) exceeds \(bound)")
            }
        }
    }

    /// A constant row whose value fp16 represents exactly stores scale 1 and codes 0 (FBGEMM's
    /// convention) and decodes to that value.
    static func constantRowDecodesToBias(bits: Int) throws {
        let dimension = 7
        let values = [Float](repeating: 0.5, count: dimension) + [Float](repeating: -3, count: dimension)
        let table = try EmbeddingTable(rowCount: 2, dimension: dimension, values: values)
        let quantized = try quantize(table, bits: bits)
        let decoded = decodedValues(quantized)
        for row in 0..<2 {
            #expect(unpackCodes(quantized, row: row) == [Int](repeating: 0, count: dimension))
            #expect(storedScaleAndBias(quantized, row: row).scale == 1)
            for column in 0..<dimension {
                #expect(decoded[row * dimension + column] == values[row * dimension])
            }
        }
    }

    /// A constant row of 0.1, which fp16 rounds down to 0.0999756: the range left above the
    /// bias is what the codes cover, so every value decodes the same and within fp16 rounding.
    static func inexactConstantRowDecodesEvenly(bits: Int) throws {
        let table = try EmbeddingTable(rowCount: 1, dimension: 5, values: [Float](repeating: 0.1, count: 5))
        let decoded = decodedValues(try quantize(table, bits: bits))
        for value in decoded {
            #expect(value == decoded[0])
            #expect(abs(value - 0.1) <= 0.1 * 0x1p-11)
        }
    }

    /// Footprint is n * (ceil(d * bits / 8) + 4), the fused buffer's size and the section bytes.
    static func footprintIsBufferSize(bits: Int) throws {
        for dimension in [1, 3, 5, 8, 13] {
            let table = try generatedTable(rowCount: 11, dimension: dimension)
            let quantized = try quantize(table, bits: bits)
            let expected = 11 * ((dimension * bits + 7) / 8 + 4)
            #expect(quantized.footprintBytes == expected, "dimension \(dimension)")
            #expect(quantized.fusedRows.count == expected)
            #expect(sectionBytes(quantized) == expected)
            #expect(compressor(bits: bits).minimumFootprint(rowCount: 11, dimension: dimension) == expected)
        }
    }

    static func infeasibleBudgetNamesSmallest(bits: Int) throws {
        let table = try generatedTable(rowCount: 9, dimension: 10)
        let smallest = 9 * ((10 * bits + 7) / 8 + 4)
        let method = compressor(bits: bits)
        #expect(throws: CompressionError.infeasibleBudget(
            method: "int\(bits)-rowwise", budgetBytes: smallest - 1, smallestFeasibleBytes: smallest)) {
            try method.compress(table, budgetBytes: smallest - 1, context: singleThread)
        }
        let fitted = try method.compress(table, budgetBytes: smallest, context: singleThread)
        #expect(fitted.footprintBytes == smallest)
    }

    /// Batch decode of arbitrary, repeated row ids equals the rows of a full decode, and the
    /// fused pooled lookup equals the sum (or mean) of decoded rows.
    static func batchDecodeAndPooledLookup(bits: Int) throws {
        let dimension = 6
        let table = try generatedTable(rowCount: 25, dimension: dimension)
        let quantized = try quantize(table, bits: bits)
        let all = decodedValues(quantized)
        let rows = [24, 3, 3, 0, 17]
        let batch = decodedRows(quantized, rows)
        for (position, row) in rows.enumerated() {
            #expect(Array(batch[(position * dimension)..<((position + 1) * dimension)])
                    == Array(all[(row * dimension)..<((row + 1) * dimension)]))
        }

        let indices = [1, 4, 4, 9, 20, 0]
        let offsets = [0, 3, 3, 6]  // bags {1, 4, 4}, {}, {9, 20, 0}
        for mode in [PoolingMode.sum, .mean] {
            var pooled = [Float](repeating: .nan, count: 3 * dimension)
            indices.withUnsafeBufferPointer { indices in
                offsets.withUnsafeBufferPointer { offsets in
                    pooled.withUnsafeMutableBufferPointer {
                        quantized.pooledLookup(indices: indices, offsets: offsets, mode: mode, into: $0)
                    }
                }
            }
            for bag in 0..<3 {
                let members = Array(indices[offsets[bag]..<offsets[bag + 1]])
                for column in 0..<dimension {
                    var expected: Float = 0
                    for row in members { expected += all[row * dimension + column] }
                    if mode == .mean && !members.isEmpty { expected /= Float(members.count) }
                    let actual = pooled[bag * dimension + column]
                    #expect(abs(actual - expected) <= 1e-5 * (1 + abs(expected)), "bag \(bag), \(mode)")
                }
            }
        }
    }

    static func nonFiniteAndOverflowAreRejected(bits: Int) throws {
        let method = compressor(bits: bits)
        let infinite = try EmbeddingTable(rowCount: 3, dimension: 2, values: [0, 1, 2, 3, 4, .infinity])
        #expect(throws: QuantizationError.nonFiniteValue(
            method: "int\(bits)-rowwise", row: 2, column: 1, value: .infinity)) {
            try method.compress(infinite, budgetBytes: Int.max, context: singleThread)
        }
        let large = try EmbeddingTable(rowCount: 2, dimension: 2, values: [0, 1, -80_000, 5])
        #expect(throws: QuantizationError.outsideHalfRange(
            method: "int\(bits)-rowwise", row: 1, column: 0, value: -80_000)) {
            try method.compress(large, budgetBytes: Int.max, context: singleThread)
        }
    }
}
