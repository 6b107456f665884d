/// Samples whose values are rows of the stacked feature table, ready for a model.
///
/// Sample `s` owns the lookups `sampleOffsets[s] ..< sampleOffsets[s + 1]`. Each lookup is a
/// (field, global row) pair with a weight: the token's value divided by the number of values
/// the sample has in that field, so a multi-valued field is mean-pooled.
public struct EncodedClicks: Sendable {
    public var labels: [Float] = []
    public var sampleOffsets: [Int] = [0]
    public var lookupFields: [Int32] = []
    public var lookupRows: [Int32] = []
    public var lookupWeights: [Float] = []

    public init() {}

    public var count: Int { labels.count }

    /// Gathers the samples at `indices` into a batch, in that order.
    public func batch<C: Collection>(samples indices: C) -> ClickBatch where C.Element == Int {
        var batch = ClickBatch()
        batch.labels.reserveCapacity(indices.count)
        batch.sampleOffsets.reserveCapacity(indices.count + 1)
        let lookupsPerSample = count > 0 ? lookupFields.count / count + 1 : 1
        batch.lookupFields.reserveCapacity(indices.count * lookupsPerSample)
        batch.lookupRows.reserveCapacity(indices.count * lookupsPerSample)
        batch.lookupWeights.reserveCapacity(indices.count * lookupsPerSample)
        for sample in indices {
            batch.labels.append(labels[sample])
            let range = sampleOffsets[sample]..<sampleOffsets[sample + 1]
            batch.lookupFields.append(contentsOf: lookupFields[range])
            batch.lookupRows.append(contentsOf: lookupRows[range])
            batch.lookupWeights.append(contentsOf: lookupWeights[range])
            batch.sampleOffsets.append(batch.lookupRows.count)
        }
        return batch
    }

    /// All samples as one batch, in order.
    public var allSamples: ClickBatch { batch(samples: 0..<count) }
}

/// A minibatch: the same layout as `EncodedClicks`, with sample indices local to the batch.
public typealias ClickBatch = EncodedClicks
