import EmbeddingCompression

extension Float16Table: CompressedTable {
    public var methodIdentifier: String { Float16Compressor.identifier }
    public var parameters: [String: String] { [:] }
    public var footprintBytes: Int { values.count * MemoryLayout<Float16>.size }

    public func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == rows.count * dimension,
                     "decode: output holds \(output.count) values, expected \(rows.count) rows x \(dimension)")
        let dimension = self.dimension, rowCount = self.rowCount
        values.withUnsafeBufferPointer { values in
            forEachChunk(count: rows.count, threadCount: decodeThreadCount, minimumChunk: (1 << 16) / dimension + 1) { _, range in
                for position in range {
                    let row = rows[position]
                    precondition(row >= 0 && row < rowCount, "decode: row \(row) is outside 0..<\(rowCount)")
                    let source = values.baseAddress! + row * dimension
                    let target = output.baseAddress! + position * dimension
                    for column in 0..<dimension { target[column] = Float(source[column]) }
                }
            }
        }
    }

    public func decode(rowRange: Range<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(rowRange.lowerBound >= 0 && rowRange.upperBound <= rowCount,
                     "decode: rows \(rowRange) are outside 0..<\(rowCount)")
        precondition(output.count == rowRange.count * dimension,
                     "decode: output holds \(output.count) values, expected \(rowRange.count) rows x \(dimension)")
        let first = rowRange.lowerBound * dimension
        values.withUnsafeBufferPointer { values in
            forEachChunk(count: output.count, threadCount: decodeThreadCount, minimumChunk: 1 << 16) { _, range in
                for index in range { output[index] = Float(values[first + index]) }
            }
        }
    }

    public func containerSections() -> [ContainerSection] {
        [ContainerSection(name: "values", elementType: .float16, values: values)]
    }
}
