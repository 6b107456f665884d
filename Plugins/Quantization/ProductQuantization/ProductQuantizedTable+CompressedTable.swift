import EmbeddingCompression

extension ProductQuantizedTable: CompressedTable {
    public var methodIdentifier: String { ProductQuantizer.identifier }

    public var parameters: [String: String] {
        trainingParameters.merging(
            ["subvectors": String(subvectorCount), "centroids": String(centroidCount)]) { _, new in new }
    }

    /// Codes plus codebooks: `n * m + k * d * 4` bytes.
    public var footprintBytes: Int { codes.count + codebooks.count * MemoryLayout<Float>.size }

    /// Decodes `rows` by copying each sub-vector's centroid, split over both cores when the
    /// batch holds at least 64 Ki values.
    public func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == rows.count * dimension,
                     "decode: output holds \(output.count) values, expected \(rows.count) rows x \(dimension)")
        let dimension = self.dimension, rowCount = self.rowCount
        let m = subvectorCount, k = centroidCount, subdimension = self.subdimension
        codes.withUnsafeBufferPointer { codes in
            codebooks.withUnsafeBufferPointer { codebooks in
                forEachChunk(count: rows.count, threadCount: decodeThreadCount, minimumChunk: (1 << 16) / dimension + 1) { _, range in
                    for position in range {
                        let row = rows[position]
                        precondition(row >= 0 && row < rowCount, "decode: row \(row) is outside 0..<\(rowCount)")
                        let target = output.baseAddress! + position * dimension
                        for subspace in 0..<m {
                            let code = Int(codes[row * m + subspace])
                            let centroid = codebooks.baseAddress! + (subspace * k + code) * subdimension
                            (target + subspace * subdimension).update(from: centroid, count: subdimension)
                        }
                    }
                }
            }
        }
    }

    public func containerSections() -> [ContainerSection] {
        [
            ContainerSection(name: Self.codesSectionName, elementType: .uint8, values: codes),
            ContainerSection(name: Self.codebooksSectionName, elementType: .float32, values: codebooks),
        ]
    }
}
