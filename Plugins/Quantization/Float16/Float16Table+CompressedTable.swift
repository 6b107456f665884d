import EmbeddingCompression
import Foundation

extension Float16Table: CompressedTable {
    public var methodIdentifier: String { Float16Compressor.identifier }
    public var parameters: [String: String] { [:] }
    public var footprintBytes: Int { storage.count * MemoryLayout<Float16>.size }

    public func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == rows.count * dimension,
                     "decode: output holds \(output.count) values, expected \(rows.count) rows x \(dimension)")
        let dimension = self.dimension, rowCount = self.rowCount
        storage.withBuffer { values in
            forEachChunk(count: rows.count, threadCount: decodeThreadCount, minimumChunk: (1 << 16) / dimension + 1) { _, range in
                // Gather blocks of rows before widening them, so the row loads (mostly cache
                // misses for random rows) overlap; see the row-wise tables' decode.
                let blockRows = 16
                let gathered = UnsafeMutablePointer<Float16>.allocate(capacity: blockRows * dimension)
                defer { gathered.deallocate() }
                var blockStart = range.lowerBound
                while blockStart < range.upperBound {
                    let blockEnd = min(range.upperBound, blockStart + blockRows)
                    for position in blockStart..<blockEnd {
                        let row = rows[position]
                        precondition(row >= 0 && row < rowCount, "decode: row \(row) is outside 0..<\(rowCount)")
                        (gathered + (position - blockStart) * dimension).update(from: values.baseAddress! + row * dimension, count: dimension)
                    }
                    let target = output.baseAddress! + blockStart * dimension
                    for index in 0..<((blockEnd - blockStart) * dimension) {
                        target[index] = HalfPrecision.float(fromBits: gathered[index].bitPattern)
                    }
                    blockStart = blockEnd
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
        storage.withBuffer { values in
            forEachChunk(count: output.count, threadCount: decodeThreadCount, minimumChunk: 1 << 16) { _, range in
                for index in range { output[index] = HalfPrecision.float(fromBits: values[first + index].bitPattern) }
            }
        }
    }

    public func containerSections() -> [ContainerSection] {
        [ContainerSection(name: "values", elementType: .float16, payload: Data(buffer: storage.buffer))]
    }
}
