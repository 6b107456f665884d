import EmbeddingCompression
import Foundation

/// Test or validation quality of a model.
public struct Evaluation: Sendable, Equatable {
    public var auc: Double
    public var logLoss: Double
}

/// What a training run did.
public struct TrainingReport: Sendable {
    /// Validation AUC after each epoch that ran.
    public var validationAUCs: [Double]
    /// 1-based epoch whose parameters the model holds after training.
    public var bestEpoch: Int
    public var bestValidationAUC: Double
    /// Wall-clock seconds of the optimizer steps, without validation.
    public var trainingSeconds: Double
    /// Training samples processed per second of `trainingSeconds`.
    public var samplesPerSecond: Double
}

/// Minibatch training with early stopping on validation AUC.
public enum CTRTrainer {
    /// Trains `model` on `train`, evaluating on `validation` after each epoch; stops after
    /// `configuration.patience` epochs without a better AUC and restores the best epoch.
    /// - Parameter progress: called after each epoch with a one-line summary.
    public static func train(_ model: CTRModel, train: EncodedClicks, validation: EncodedClicks,
                             configuration: TrainingConfiguration,
                             progress: (String) -> Void = { _ in }) -> TrainingReport {
        var validationAUCs: [Double] = []
        var best: (epoch: Int, auc: Double, snapshot: ModelSnapshot)?
        var trainingSeconds = 0.0
        var samplesSeen = 0
        var order = Array(0..<train.count)
        for epoch in 1...configuration.epochs {
            shuffle(&order, seed: configuration.seed &+ UInt64(epoch))
            let start = DispatchTime.now().uptimeNanoseconds
            var lossSum = 0.0
            var batchStart = 0
            while batchStart < order.count {
                let batchEnd = min(batchStart + configuration.batchSize, order.count)
                let batch = train.batch(samples: order[batchStart..<batchEnd])
                lossSum += model.trainStep(batch) * Double(batch.count)
                batchStart = batchEnd
            }
            trainingSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            samplesSeen += order.count

            let auc = evaluate(model, on: validation).auc
            validationAUCs.append(auc)
            let trainLoss = lossSum / Double(max(order.count, 1))
            progress("epoch \(epoch): train logloss \(format(trainLoss)), validation AUC \(format(auc))")
            if best == nil || auc > best!.auc {
                best = (epoch, auc, model.snapshot())
            } else if epoch - best!.epoch >= configuration.patience {
                break
            }
        }
        model.restore(best!.snapshot)
        return TrainingReport(validationAUCs: validationAUCs, bestEpoch: best!.epoch, bestValidationAUC: best!.auc,
                              trainingSeconds: trainingSeconds,
                              samplesPerSecond: Double(samplesSeen) / max(trainingSeconds, 1e-9))
    }

    /// AUC and log loss of `model` on `clicks`, predicted in chunks of 4,096 samples.
    public static func evaluate(_ model: CTRModel, on clicks: EncodedClicks) -> Evaluation {
        var logits: [Float] = []
        logits.reserveCapacity(clicks.count)
        var start = 0
        while start < clicks.count {
            let end = min(start + 4096, clicks.count)
            logits.append(contentsOf: model.logits(for: clicks.batch(samples: start..<end)))
            start = end
        }
        let probabilities = logits.map(ClassificationMetrics.sigmoid)
        return Evaluation(auc: ClassificationMetrics.auc(scores: logits, labels: clicks.labels),
                          logLoss: ClassificationMetrics.logLoss(probabilities: probabilities, labels: clicks.labels))
    }

    /// Fisher-Yates shuffle with a seeded generator.
    static func shuffle(_ values: inout [Int], seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        for position in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(position, Int(generator.next() % UInt64(position + 1)))
        }
    }

    static func format(_ value: Double) -> String { String(format: "%.4f", value) }
}
