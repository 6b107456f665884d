import EmbeddingCompression

extension RowwiseQuantizedTable: CompressedTable {
    public var methodIdentifier: String { "int\(bitWidth)-rowwise" }
    public var parameters: [String: String] { ["bits": String(bitWidth)] }
    public var footprintBytes: Int { fusedRows.count }

    /// Decodes `rows`, split over both cores when the batch holds at least 64 Ki values.
    public func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == rows.count * dimension,
                     "decode: output holds \(output.count) values, expected \(rows.count) rows x \(dimension)")
        let dimension = self.dimension, rowCount = self.rowCount, stride = rowStride, bits = bitWidth
        fusedRows.withUnsafeBufferPointer { fused in
            forEachChunk(count: rows.count, threadCount: decodeThreadCount, minimumChunk: (1 << 16) / dimension + 1) { _, range in
                for position in range {
                    let row = rows[position]
                    precondition(row >= 0 && row < rowCount, "decode: row \(row) is outside 0..<\(rowCount)")
                    RowwiseKernels.decodeRow(
                        fused.baseAddress! + row * stride, count: dimension, bits: bits, accumulate: false,
                        into: output.baseAddress! + position * dimension)
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
        fusedRows.withUnsafeBufferPointer { fused in
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
    /// no intermediate decoded rows. Per value it computes `scale * code + bias` and adds it,
    /// so a sum equals the sum of `decode`'s rows in index order.
    public func pooledLookup(
        indices: UnsafeBufferPointer<Int>, offsets: UnsafeBufferPointer<Int>, mode: PoolingMode,
        into output: UnsafeMutableBufferPointer<Float>
    ) {
        let bagCount = offsets.count - 1
        precondition(bagCount >= 0 && output.count == bagCount * dimension,
                     "pooledLookup: output holds \(output.count) values, expected \(max(bagCount, 0)) bags x \(dimension)")
        let dimension = self.dimension, rowCount = self.rowCount, stride = rowStride, bits = bitWidth
        fusedRows.withUnsafeBufferPointer { fused in
            for bag in 0..<bagCount {
                let start = offsets[bag], end = offsets[bag + 1]
                precondition(start >= 0 && start <= end && end <= indices.count,
                             "pooledLookup: bag \(bag) spans \(start)..<\(end) of \(indices.count) indices")
                let target = output.baseAddress! + bag * dimension
                target.initialize(repeating: 0, count: dimension)
                for position in start..<end {
                    let row = indices[position]
                    precondition(row >= 0 && row < rowCount, "pooledLookup: row \(row) is outside 0..<\(rowCount)")
                    RowwiseKernels.decodeRow(
                        fused.baseAddress! + row * stride, count: dimension, bits: bits, accumulate: true, into: target)
                }
                if mode == .mean && end > start {
                    let scale = 1 / Float(end - start)
                    for column in 0..<dimension { target[column] *= scale }
                }
            }
        }
    }

    public func containerSections() -> [ContainerSection] {
        [ContainerSection(name: Self.sectionName, elementType: .uint8, values: fusedRows)]
    }
}
