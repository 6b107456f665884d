/// Spearman's rank correlation: the Pearson correlation of the ranks of two samples, with tied
/// values given the average of the ranks they span (so 1, 2, 2, 3 ranks as 1, 2.5, 2.5, 4).
public enum SpearmanCorrelation {
    /// Ranks of `values` starting at 1, ties averaged.
    /// - Complexity: O(n log n).
    public static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            // Positions start..<end hold equal values: ranks start+1 ... end, averaged.
            let average = Double(start + 1 + end) / 2
            for position in start..<end { ranks[order[position]] = average }
            start = end
        }
        return ranks
    }

    /// The correlation of the ranks of `x` and `y`, or nil when there are fewer than two pairs
    /// or either sample is constant (the correlation is undefined then).
    /// - Precondition: `x.count == y.count`.
    public static func coefficient(_ x: [Double], _ y: [Double]) -> Double? {
        precondition(x.count == y.count, "Spearman needs paired samples: \(x.count) and \(y.count) values")
        guard x.count >= 2 else { return nil }
        let rankX = averageRanks(x), rankY = averageRanks(y)
        let meanX = rankX.reduce(0, +) / Double(rankX.count)
        let meanY = rankY.reduce(0, +) / Double(rankY.count)
        var covariance = 0.0, varianceX = 0.0, varianceY = 0.0
        for (a, b) in zip(rankX, rankY) {
            covariance += (a - meanX) * (b - meanY)
            varianceX += (a - meanX) * (a - meanX)
            varianceY += (b - meanY) * (b - meanY)
        }
        guard varianceX > 0, varianceY > 0 else { return nil }
        return covariance / (varianceX * varianceY).squareRoot()
    }
}
