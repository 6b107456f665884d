import Dispatch

/// Label-based retrieval quality, as in the Binary Paragraph Vectors paper: a database
/// document is relevant to a query when it has the query's label.
public struct RetrievalScores: Sendable, Equatable {
    /// Mean fraction of relevant documents among the first 10 results.
    public var precisionAt10: Double
    /// Mean fraction of relevant documents among the first 100 results.
    public var precisionAt100: Double
    /// Mean over queries of average precision over the whole ranking of the database.
    public var meanAveragePrecision: Double

    public init(precisionAt10: Double, precisionAt100: Double, meanAveragePrecision: Double) {
        self.precisionAt10 = precisionAt10
        self.precisionAt100 = precisionAt100
        self.meanAveragePrecision = meanAveragePrecision
    }
}

/// Computes precision@10, precision@100 and MAP from a full ranking of the database for each
/// query.
///
/// A ranking orders database documents by a `UInt32` key, smaller first, and ties by the lower
/// database index (a stable LSD radix sort), so every method breaks ties the same way.
/// Average precision of a query is `(1 / R) Σ_i precision@i` over the ranks `i` of its `R`
/// relevant documents. A query whose label has no document in the database scores 0.
public enum RetrievalMetrics {
    /// - Parameter fillKeys: writes the key of every database document for query `q` into
    ///   the buffer (`databaseLabels.count` values); called concurrently for different queries.
    /// - Complexity: O(queries * database) plus the cost of `fillKeys`.
    public static func evaluate(
        queryLabels: [Int32], databaseLabels: [Int32], threadCount: Int,
        fillKeys: @Sendable (Int, UnsafeMutableBufferPointer<UInt32>) -> Void
    ) -> RetrievalScores {
        let databaseCount = databaseLabels.count
        let queryCount = queryLabels.count
        guard queryCount > 0, databaseCount > 0 else {
            return RetrievalScores(precisionAt10: 0, precisionAt100: 0, meanAveragePrecision: 0)
        }
        var countsByLabel: [Int32: Int] = [:]
        for label in databaseLabels { countsByLabel[label, default: 0] += 1 }
        let relevantCounts = countsByLabel
        let chunks = max(1, min(threadCount, queryCount))
        var partial = [Double](repeating: 0, count: chunks * 3)
        partial.withUnsafeMutableBufferPointer { sums in
            let output = SharedMutableBuffer(sums)
            forEachRowRange(count: queryCount, threadCount: chunks) { chunk, range in
                var keys = [UInt32](repeating: 0, count: databaseCount)
                var order = [Int32](repeating: 0, count: databaseCount)
                var sorter = RadixSorter(count: databaseCount)
                var p10 = 0.0, p100 = 0.0, averagePrecisionSum = 0.0
                for query in range {
                    keys.withUnsafeMutableBufferPointer { fillKeys(query, $0) }
                    sorter.sort(keys: keys, into: &order)
                    let label = queryLabels[query]
                    let relevant = relevantCounts[label] ?? 0
                    var hits = 0
                    var precisionSum = 0.0
                    for rank in 0..<databaseCount where databaseLabels[Int(order[rank])] == label {
                        hits += 1
                        precisionSum += Double(hits) / Double(rank + 1)
                        if rank < 10 { p10 += 0.1 }
                        if rank < 100 { p100 += 0.01 }
                        if hits == relevant { break }
                    }
                    if relevant > 0 { averagePrecisionSum += precisionSum / Double(relevant) }
                }
                output[chunk * 3] = p10
                output[chunk * 3 + 1] = p100
                output[chunk * 3 + 2] = averagePrecisionSum
            }
        }
        var totals = [0.0, 0.0, 0.0]
        for chunk in 0..<chunks { for metric in 0..<3 { totals[metric] += partial[chunk * 3 + metric] } }
        let count = Double(queryCount)
        return RetrievalScores(precisionAt10: totals[0] / count, precisionAt100: totals[1] / count,
                               meanAveragePrecision: totals[2] / count)
    }

    /// Maps `score` to a key that sorts higher scores first: the IEEE-754 bits of `-score` mapped to an
    /// unsigned order. NaN sorts last.
    @inline(__always)
    public static func key(descendingScore score: Float) -> UInt32 {
        if score.isNaN { return .max }
        let bits = (-score).bitPattern
        return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    }
}

/// Stable least-significant-digit radix sort of indices by `UInt32` keys, 8 bits per pass.
/// A pass whose byte is the same for every key is skipped, so small keys such as Hamming
/// distances take one pass.
struct RadixSorter {
    private var scratchOrder: [Int32]
    private var scratchKeys: [UInt32]
    private var sortedKeys: [UInt32]

    init(count: Int) {
        scratchOrder = [Int32](repeating: 0, count: count)
        scratchKeys = [UInt32](repeating: 0, count: count)
        sortedKeys = [UInt32](repeating: 0, count: count)
    }

    /// Writes the indices `0..<keys.count` into `order`, sorted by key, ties by index.
    mutating func sort(keys: [UInt32], into order: inout [Int32]) {
        let count = keys.count
        for index in 0..<count { order[index] = Int32(index) }
        sortedKeys.withUnsafeMutableBufferPointer { current in
            _ = keys.withUnsafeBufferPointer { source in current.initialize(from: source) }
        }
        var histogram = [Int](repeating: 0, count: 256)
        for shift in stride(from: 0, to: 32, by: 8) {
            for bucket in 0..<256 { histogram[bucket] = 0 }
            for index in 0..<count { histogram[Int((sortedKeys[index] >> UInt32(shift)) & 0xFF)] += 1 }
            if histogram.contains(count) { continue }
            var offset = 0
            for bucket in 0..<256 {
                let size = histogram[bucket]
                histogram[bucket] = offset
                offset += size
            }
            for index in 0..<count {
                let key = sortedKeys[index]
                let bucket = Int((key >> UInt32(shift)) & 0xFF)
                let target = histogram[bucket]
                histogram[bucket] = target + 1
                scratchOrder[target] = order[index]
                scratchKeys[target] = key
            }
            swap(&order, &scratchOrder)
            swap(&sortedKeys, &scratchKeys)
        }
    }
}
