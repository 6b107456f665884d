import CTR
import EmbeddingCompression
import Foundation
import Testing

@Suite struct ClassificationMetricsTests {
    @Test func aucWithoutTies() {
        // Pairs (positive, negative): 0.35>0.1 yes, 0.35>0.4 no, 0.8>0.1 yes, 0.8>0.4 yes: 3 of 4.
        let auc = ClassificationMetrics.auc(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1])
        #expect(auc == 0.75)
    }

    @Test func aucCountsTiesAsHalf() {
        // Positive 0.5 ties both negatives (2 x 1/2), positive 0.9 beats both: 3 of 4.
        let auc = ClassificationMetrics.auc(scores: [0.5, 0.5, 0.5, 0.9], labels: [1, 0, 0, 1])
        #expect(auc == 0.75)
        let allTied = ClassificationMetrics.auc(scores: [2, 2, 2, 2], labels: [1, 0, 1, 0])
        #expect(allTied == 0.5)
    }

    @Test func aucOfOneClassIsNaN() {
        #expect(ClassificationMetrics.auc(scores: [0.1, 0.2], labels: [1, 1]).isNaN)
    }

    @Test func aucMatchesPairCount() {
        var generator = SplitMix64(seed: 3)
        // Scores from a small set so that ties are frequent.
        let scores = (0..<300).map { _ in Float(generator.next() % 20) }
        let labels = (0..<300).map { _ in Float(generator.next() % 2) }
        var wins = 0.0
        var pairs = 0.0
        for i in scores.indices where labels[i] == 1 {
            for j in scores.indices where labels[j] == 0 {
                pairs += 1
                if scores[i] > scores[j] { wins += 1 } else if scores[i] == scores[j] { wins += 0.5 }
            }
        }
        #expect(abs(ClassificationMetrics.auc(scores: scores, labels: labels) - wins / pairs) < 1e-12)
    }

    @Test func logLossByHand() {
        let loss = ClassificationMetrics.logLoss(probabilities: [0.9, 0.2], labels: [1, 0])
        let expected = -(log(Double(Float(0.9))) + log(1 - Double(Float(0.2)))) / 2
        #expect(abs(loss - expected) < 1e-12)
    }

    @Test func logLossIsClipped() {
        let loss = ClassificationMetrics.logLoss(probabilities: [0, 1], labels: [1, 0])
        #expect(abs(loss - -log(ClassificationMetrics.logLossClip)) < 1e-9)
    }

    @Test func sigmoidIsStable() {
        #expect(ClassificationMetrics.sigmoid(0) == 0.5)
        #expect(ClassificationMetrics.sigmoid(-200) >= 0)
        #expect(ClassificationMetrics.sigmoid(200) == 1)
        #expect(abs(ClassificationMetrics.sigmoid(2) - Float(1 / (1 + exp(-2.0)))) < 1e-7)
    }
}
