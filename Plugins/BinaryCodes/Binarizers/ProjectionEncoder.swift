import EmbeddingCompression

/// Encodes rows as sign bits of a centred linear projection, rows split across threads.
enum ProjectionEncoder {
    /// Bit `j` of row `x` is `projection[j] · (x - mean) > 0`.
    /// - Complexity: O(rowCount * bits * dimension).
    static func encode(
        _ table: EmbeddingTable, mean: [Float], projection: [Float], bits: Int, threadCount: Int
    ) -> PackedBinaryCodes {
        let dimension = table.dimension, rowCount = table.rowCount
        let wordsPerRow = (bits + 63) / 64
        var words = [UInt64](repeating: 0, count: rowCount * wordsPerRow)
        table.withUnsafeBufferPointer { values in
            mean.withUnsafeBufferPointer { meanBuffer in
                projection.withUnsafeBufferPointer { projectionBuffer in
                    words.withUnsafeMutableBufferPointer { output in
                        let input = SharedBuffer(values), centre = SharedBuffer(meanBuffer)
                        let directions = SharedBuffer(projectionBuffer), target = SharedMutableBuffer(output)
                        forEachRowRange(count: rowCount, threadCount: threadCount) { _, range in
                            var centred = [Float](repeating: 0, count: dimension)
                            for row in range {
                                for column in 0..<dimension { centred[column] = input[row * dimension + column] - centre[column] }
                                for word in 0..<wordsPerRow {
                                    var packed: UInt64 = 0
                                    for bit in (word * 64)..<min(word * 64 + 64, bits) {
                                        let dot = centred.withUnsafeBufferPointer {
                                            VectorKernels.dot(directions.base + bit * dimension, $0.baseAddress!, count: dimension)
                                        }
                                        if dot > 0 { packed |= UInt64(1) << UInt64(bit - word * 64) }
                                    }
                                    target[row * wordsPerRow + word] = packed
                                }
                            }
                        }
                    }
                }
            }
        }
        return PackedBinaryCodes(rowCount: rowCount, bitCount: bits, trustedWords: words)
    }

    /// Column means of `table`, accumulated in Float64.
    static func columnMeans(_ table: EmbeddingTable) -> [Float] {
        let dimension = table.dimension
        var sums = [Double](repeating: 0, count: dimension)
        table.withUnsafeBufferPointer { values in
            for row in 0..<table.rowCount {
                for column in 0..<dimension { sums[column] += Double(values[row * dimension + column]) }
            }
        }
        return sums.map { Float($0 / Double(table.rowCount)) }
    }

    /// Throws when the table contains a NaN or infinite value, which has no sign.
    static func requireFinite(_ table: EmbeddingTable) throws {
        if let bad = table.firstNonFiniteValue() {
            throw BinaryCodesError.nonFiniteValue(row: bad.row, column: bad.column)
        }
    }
}
