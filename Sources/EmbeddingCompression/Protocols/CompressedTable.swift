/// What a method produces: a table that decodes any batch of rows back to Float32.
///
/// Post-training and training-time methods both end here, so serialization, decoding and
/// measurement are the same for all of them.
public protocol CompressedTable: Sendable {
    /// Identifier of the method that made this table; the container header stores it and the
    /// registry maps it back to a decoder.
    var methodIdentifier: String { get }
    var rowCount: Int { get }
    var dimension: Int { get }
    /// The chosen settings, for example `["bits": "8"]`. Stored in the container header.
    var parameters: [String: String] { get }
    /// Exact serving bytes, summed from the real buffers: codes, scales, biases, codebooks,
    /// remap arrays, hash parameters and padding.
    var footprintBytes: Int { get }

    /// Decodes `rows` into `output`, row after row (`rows.count * dimension` values).
    /// - Precondition: every row is in `0..<rowCount` and `output.count == rows.count * dimension`.
    func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>)

    /// Decodes the contiguous rows `rowRange` into `output`. The default calls `decode(rows:into:)`;
    /// methods override it when a range is faster.
    func decode(rowRange: Range<Int>, into output: UnsafeMutableBufferPointer<Float>)

    /// Pooled lookup (an embedding bag): for each bag `b`, reduces the rows
    /// `indices[offsets[b]..<offsets[b + 1]]` by `mode` into `output[b * dimension ..< (b + 1) * dimension]`.
    /// `offsets` has one more entry than there are bags, as in FBGEMM's embedding_bag.
    /// An empty bag yields zeros. The default decodes each bag and sums; methods may fuse it.
    func pooledLookup(
        indices: UnsafeBufferPointer<Int>, offsets: UnsafeBufferPointer<Int>, mode: PoolingMode,
        into output: UnsafeMutableBufferPointer<Float>)

    /// The buffers to store in a container, in order. Their payloads are this table's
    /// serving buffers, so a container without a codec can be memory-mapped and served in place.
    func containerSections() -> [ContainerSection]
}

/// How a pooled lookup reduces the rows of a bag.
public enum PoolingMode: String, Sendable {
    case sum
    case mean
}

extension CompressedTable {
    public func decode(rowRange: Range<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        let rows = Array(rowRange)
        rows.withUnsafeBufferPointer { decode(rows: $0, into: output) }
    }

    public func pooledLookup(
        indices: UnsafeBufferPointer<Int>, offsets: UnsafeBufferPointer<Int>, mode: PoolingMode,
        into output: UnsafeMutableBufferPointer<Float>
    ) {
        let bagCount = offsets.count - 1
        precondition(bagCount >= 0 && output.count == bagCount * dimension,
                     "pooledLookup: output holds \(output.count) values, expected \(max(bagCount, 0)) bags x \(dimension)")
        var scratch = [Float](repeating: 0, count: dimension * 64)
        for bag in 0..<bagCount {
            let start = offsets[bag], end = offsets[bag + 1]
            let target = UnsafeMutableBufferPointer(rebasing: output[(bag * dimension)..<((bag + 1) * dimension)])
            target.initialize(repeating: 0)
            var position = start
            // Decode the bag in chunks of at most 64 rows so scratch stays small.
            while position < end {
                let chunk = min(64, end - position)
                scratch.withUnsafeMutableBufferPointer { buffer in
                    let decoded = UnsafeMutableBufferPointer(rebasing: buffer[0..<(chunk * dimension)])
                    decode(rows: UnsafeBufferPointer(rebasing: indices[position..<(position + chunk)]), into: decoded)
                    for row in 0..<chunk {
                        for column in 0..<dimension { target[column] += decoded[row * dimension + column] }
                    }
                }
                position += chunk
            }
            if mode == .mean && end > start {
                let scale = 1 / Float(end - start)
                for column in 0..<dimension { target[column] *= scale }
            }
        }
    }

    /// Decodes every row into a new Float32 table.
    public func decodeAll() throws -> EmbeddingTable {
        try EmbeddingTable(rowCount: rowCount, dimension: dimension) { output in
            decode(rowRange: 0..<rowCount, into: output)
        }
    }
}
