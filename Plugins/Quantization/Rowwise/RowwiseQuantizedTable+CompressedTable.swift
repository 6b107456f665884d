import EmbeddingCompression
import Foundation

extension RowwiseQuantizedTable: CompressedTable {
    public var methodIdentifier: String { "int\(bitWidth)-rowwise" }
    public var parameters: [String: String] { ["bits": String(bitWidth)] }
    public var footprintBytes: Int { storage.count }

    /// Decodes `rows`, split over both cores when the batch has more than 64 Ki values.
    public func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == rows.count * dimension,
                     "decode: output holds \(output.count) values, expected \(rows.count) rows x \(dimension)")
        let dimension = self.dimension, rowCount = self.rowCount, stride = rowStride, bits = bitWidth
        storage.withBuffer { fused in
            forEachChunk(count: rows.count, threadCount: decodeThreadCount, minimumChunk: (1 << 16) / dimension + 1) { _, range in
                // Rows are gathered in blocks into a small contiguous buffer, then decoded from
                // it. The gather loop is short, so the CPU keeps many of the (mostly cache-
                // missing) row loads in flight at once, which a loop that decodes each row as
                // it arrives cannot do.
                let blockRows = 16
                let gathered = UnsafeMutablePointer<UInt8>.allocate(capacity: blockRows * stride)
                defer { gathered.deallocate() }
                var blockStart = range.lowerBound
                while blockStart < range.upperBound {
                    let blockEnd = min(range.upperBound, blockStart + blockRows)
                    for position in blockStart..<blockEnd {
                        let row = rows[position]
                        precondition(row >= 0 && row < rowCount, "decode: row \(row) is outside 0..<\(rowCount)")
                        (gathered + (position - blockStart) * stride).update(from: fused.baseAddress! + row * stride, count: stride)
                    }
                    for position in blockStart..<blockEnd {
                        RowwiseKernels.decodeRow(
                            gathered + (position - blockStart) * stride, count: dimension, bits: bits, accumulate: false,
                            into: output.baseAddress! + position * dimension)
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
        let dimension = self.dimension, stride = rowStride, bits = bitWidth, first = rowRange.lowerBound
        storage.withBuffer { fused in
            forEachChunk(count: rowRange.count, threadCount: decodeThreadCount, minimumChunk: (1 << 16) / dimension + 1) { _, range in
                for position in range {
                    RowwiseKernels.decodeRow(
                        fused.baseAddress! + (first + position) * stride, count: dimension, bits: bits,
                        accumulate: false, into: output.baseAddress! + position * dimension)
                }
            }
        }
    }

    /// Fused embedding bag: each row's codes are dequantized straight into the bag's sum, with
    /// no intermediate Float32 rows. Per value it computes `scale * code + bias` and adds it,
    /// so a sum equals the sum of `decode`'s rows in index order.
    public func pooledLookup(
        indices: UnsafeBufferPointer<Int>, offsets: UnsafeBufferPointer<Int>, mode: PoolingMode,
        into output: UnsafeMutableBufferPointer<Float>
    ) {
        let bagCount = offsets.count - 1
        precondition(bagCount >= 0 && output.count == bagCount * dimension,
                     "pooledLookup: output holds \(output.count) values, expected \(max(bagCount, 0)) bags x \(dimension)")
        let dimension = self.dimension, rowCount = self.rowCount, stride = rowStride, bits = bitWidth
        let blockRows = 16
        let gathered = UnsafeMutablePointer<UInt8>.allocate(capacity: blockRows * stride)
        defer { gathered.deallocate() }
        storage.withBuffer { fused in
            for bag in 0..<bagCount {
                let start = offsets[bag], end = offsets[bag + 1]
                precondition(start >= 0 && start <= end && end <= indices.count,
                             "pooledLookup: bag \(bag) spans \(start)..<\(end) of \(indices.count) indices")
                let target = output.baseAddress! + bag * dimension
                target.initialize(repeating: 0, count: dimension)
                // Gather blocks of rows first, as batch decode does, so their loads overlap.
                var blockStart = start
                while blockStart < end {
                    let blockEnd = min(end, blockStart + blockRows)
                    for position in blockStart..<blockEnd {
                        let row = indices[position]
                        precondition(row >= 0 && row < rowCount, "pooledLookup: row \(row) is outside 0..<\(rowCount)")
                        (gathered + (position - blockStart) * stride).update(from: fused.baseAddress! + row * stride, count: stride)
                    }
                    for position in blockStart..<blockEnd {
                        RowwiseKernels.decodeRow(
                            gathered + (position - blockStart) * stride, count: dimension, bits: bits, accumulate: true,
                            into: target)
                    }
                    blockStart = blockEnd
                }
                if mode == .mean && end > start {
                    let scale = 1 / Float(end - start)
                    for column in 0..<dimension { target[column] *= scale }
                }
            }
        }
    }

    public func containerSections() -> [ContainerSection] {
        [ContainerSection(name: Self.sectionName, elementType: .uint8, payload: Data(buffer: storage.buffer))]
    }
}
