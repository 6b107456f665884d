import Foundation

/// Quality metrics of click predictions.
public enum ClassificationMetrics {
    /// Exact area under the ROC curve by the Mann-Whitney U statistic: the fraction of
    /// (clicked, not clicked) pairs whose clicked sample scores higher, a tied pair counting one half.
    ///
    /// - Parameters:
    ///   - scores: any monotone score (logits or probabilities).
    ///   - labels: 1 for a click, 0 otherwise.
    /// - Returns: the AUC, or NaN when all labels are equal (no pairs to compare).
    /// - Complexity: O(n log n) for the sort.
    public static func auc(scores: [Float], labels: [Float]) -> Double {
        precondition(scores.count == labels.count, "auc: \(scores.count) scores for \(labels.count) labels")
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var positiveRankSum = 0.0
        var positiveCount = 0
        var start = 0
        // Tied scores share the average of their 1-based ranks.
        while start < order.count {
            var end = start + 1
            while end < order.count && scores[order[end]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + 1 + end) / 2
            for position in start..<end where labels[order[position]] > 0.5 {
                positiveRankSum += averageRank
                positiveCount += 1
            }
            start = end
        }
        let negativeCount = order.count - positiveCount
        guard positiveCount > 0, negativeCount > 0 else { return .nan }
        let positives = Double(positiveCount)
        return (positiveRankSum - positives * (positives + 1) / 2) / (positives * Double(negativeCount))
    }

    /// Probabilities are clipped to `[logLossClip, 1 - logLossClip]` so one confident mistake
    /// gives a finite loss (about 16.1 per sample at most).
    public static let logLossClip = 1e-7

    /// Mean binary cross-entropy (natural logarithm) of click probabilities.
    /// - Returns: the mean loss, or NaN for no samples.
    public static func logLoss(probabilities: [Float], labels: [Float]) -> Double {
        precondition(probabilities.count == labels.count, "logLoss: \(probabilities.count) probabilities for \(labels.count) labels")
        guard !labels.isEmpty else { return .nan }
        var total = 0.0
        for index in labels.indices {
            let probability = min(max(Double(probabilities[index]), logLossClip), 1 - logLossClip)
            total -= labels[index] > 0.5 ? log(probability) : log(1 - probability)
        }
        return total / Double(labels.count)
    }

    /// The logistic function, computed without overflow for large `|logit|`.
    @inline(__always)
    public static func sigmoid(_ logit: Float) -> Float {
        if logit >= 0 { return 1 / (1 + exp(-logit)) }
        let e = exp(logit)
        return e / (1 + e)
    }
}
