import CTR
import EmbeddingCompression
import Testing

@Suite struct TrainingTests {
    func trainOnce(kind: CTRModelKind, dataset: ClickDataset, seed: UInt64 = 42) -> (CTRModel, TrainingReport) {
        let optimizer = OptimizerConfiguration(kind: .adam, learningRate: 0.02)
        let embedding = FullEmbedding(rowCount: dataset.schema.totalRowCount, dimension: 4, optimizer: optimizer,
                                      initialScale: 0.05, seed: seed)
        let model = CTRModel(schema: dataset.schema, embedding: embedding,
                             configuration: ModelConfiguration(kind: kind, hiddenSizes: [8, 4], optimizer: optimizer, seed: seed))
        let report = CTRTrainer.train(model, train: dataset.train, validation: dataset.validation,
                                      configuration: TrainingConfiguration(epochs: 4, batchSize: 64, patience: 2, seed: seed))
        return (model, report)
    }

    @Test(arguments: CTRModelKind.allCases)
    func learnsGeneratedClicks(kind: CTRModelKind) throws {
        let dataset = try ClickDataset(log: generatedClickLog(sampleCount: 2000))
        let (model, report) = trainOnce(kind: kind, dataset: dataset)
        let test = CTRTrainer.evaluate(model, on: dataset.test)
        // The generating scores give this data a Bayes AUC near 0.8; a constant predictor gets 0.5.
        #expect(test.auc > 0.7)
        #expect(test.logLoss < 0.66)
        #expect(report.validationAUCs.count >= 1)
        #expect(report.bestValidationAUC == report.validationAUCs.max())
    }

    @Test(arguments: CTRModelKind.allCases)
    func sameSeedSameResult(kind: CTRModelKind) throws {
        let dataset = try ClickDataset(log: generatedClickLog(sampleCount: 1000))
        let (first, _) = trainOnce(kind: kind, dataset: dataset)
        let (second, _) = trainOnce(kind: kind, dataset: dataset)
        let firstAUC = CTRTrainer.evaluate(first, on: dataset.test).auc
        let secondAUC = CTRTrainer.evaluate(second, on: dataset.test).auc
        #expect(firstAUC == secondAUC)
        #expect(first.logits(for: dataset.test.allSamples) == second.logits(for: dataset.test.allSamples))
    }

    @Test(arguments: CTRModelKind.allCases)
    func adagradLearnsGeneratedClicks(kind: CTRModelKind) throws {
        let dataset = try ClickDataset(log: generatedClickLog(sampleCount: 2000))
        let optimizer = OptimizerConfiguration(kind: .adagrad, learningRate: 0.1, l2: 1e-4)
        let embedding = FullEmbedding(rowCount: dataset.schema.totalRowCount, dimension: 4, optimizer: optimizer,
                                      initialScale: 0.05, seed: 1)
        let model = CTRModel(schema: dataset.schema, embedding: embedding,
                             configuration: ModelConfiguration(kind: kind, hiddenSizes: [8, 4], optimizer: optimizer, seed: 1))
        _ = CTRTrainer.train(model, train: dataset.train, validation: dataset.validation,
                             configuration: TrainingConfiguration(epochs: 4, batchSize: 64))
        #expect(CTRTrainer.evaluate(model, on: dataset.test).auc > 0.7)
    }

    @Test func restoresBestEpoch() throws {
        let dataset = try ClickDataset(log: generatedClickLog(sampleCount: 1000))
        let (model, report) = trainOnce(kind: .fm, dataset: dataset)
        let validationAUC = CTRTrainer.evaluate(model, on: dataset.validation).auc
        #expect(validationAUC == report.bestValidationAUC)
    }

    @Test func swappedEmbeddingKeepsOtherParameters() throws {
        let dataset = try ClickDataset(log: generatedClickLog(sampleCount: 1000))
        let (model, _) = trainOnce(kind: .deepfm, dataset: dataset)
        let before = model.logits(for: dataset.test.allSamples)
        let trained = try (model.embedding as! FullEmbedding).embeddingTable()
        model.embedding = FullEmbedding(values: trained)
        #expect(model.logits(for: dataset.test.allSamples) == before)
    }
}
