import CTR
import EmbeddingCompression
import Testing

@Suite struct GradientCheckTests {
    func makeModel(kind: CTRModelKind, dataset: ClickDataset) -> CTRModel {
        let optimizer = OptimizerConfiguration(kind: .adam, learningRate: 0.01)
        // A wide initial range makes the interaction and MLP gradients large enough to compare.
        let embedding = FullEmbedding(rowCount: dataset.schema.totalRowCount, dimension: 4, optimizer: optimizer,
                                      initialScale: 0.5, seed: 3)
        let model = CTRModel(schema: dataset.schema, embedding: embedding,
                             configuration: ModelConfiguration(kind: kind, hiddenSizes: [6, 5], optimizer: optimizer, seed: 4))
        for index in model.firstOrder.values.indices { model.firstOrder.values[index] = Float(index % 7) * 0.1 - 0.3 }
        return model
    }

    @Test(arguments: CTRModelKind.allCases)
    func modelGradientsMatchFiniteDifferences(kind: CTRModelKind) throws {
        let dataset = try ClickDataset(log: generatedClickLog(sampleCount: 100))
        let model = makeModel(kind: kind, dataset: dataset)
        // Train a few steps so the dense parameters are not at their initial values.
        for _ in 0..<3 { model.trainStep(dataset.train.batch(samples: 0..<32)) }
        let result = GradientCheck.checkModel(model, batch: dataset.train.batch(samples: 40..<52))
        #expect(result.comparisons.count > 40)
        let failures = result.failures(relativeTolerance: 2e-2, absoluteTolerance: 2e-4)
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        let embeddingChecked = result.comparisons.filter { $0.parameter.hasPrefix("embedding") && $0.analytic != 0 }
        #expect(embeddingChecked.count > 10)
        if kind == .deepfm {
            #expect(result.comparisons.filter { $0.parameter.hasPrefix("dense") }.count > 30)
        }
    }

    @Test func fullEmbeddingGradientsMatchFiniteDifferences() {
        let embedding = FullEmbedding(rowCount: 20, dimension: 3, optimizer: OptimizerConfiguration(), initialScale: 0.1, seed: 9)
        // Row 4 is looked up twice, so its gradient must be the sum of both lookups.
        let result = GradientCheck.checkEmbedding(embedding, fields: [0, 0, 1, 1], rows: [4, 7, 4, 15])
        #expect(result.failures(relativeTolerance: 1e-3, absoluteTolerance: 1e-4).isEmpty)
        #expect(result.comparisons.count >= 9)
        #expect(embedding.table.pendingRows.isEmpty)
    }

    /// An embedding whose backward pass forgets the second lookup: the check must flag it.
    final class BrokenEmbedding: TrainableEmbedding {
        let inner = FullEmbedding(rowCount: 10, dimension: 2, optimizer: OptimizerConfiguration(), initialScale: 0.1, seed: 1)
        var dimension: Int { 2 }
        var footprintBytes: Int { inner.footprintBytes }
        var parameterTables: [SparseParameterTable] { inner.parameterTables }
        func forward(fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>, into output: UnsafeMutableBufferPointer<Float>) {
            inner.forward(fields: fields, rows: rows, into: output)
        }
        func backward(fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>, outputGradients: UnsafeBufferPointer<Float>) {
            inner.backward(fields: UnsafeBufferPointer(rebasing: fields[0..<1]), rows: UnsafeBufferPointer(rebasing: rows[0..<1]),
                           outputGradients: UnsafeBufferPointer(rebasing: outputGradients[0..<2]))
        }
        func applyGradients() { inner.applyGradients() }
        func export() throws -> any CompressedTable { try inner.export() }
    }

    @Test func brokenBackwardIsDetected() {
        // The untouched-row part of the check covers all 18 values of rows other than 1.
        let result = GradientCheck.checkEmbedding(BrokenEmbedding(), fields: [0, 0], rows: [1, 2])
        let failures = result.failures(relativeTolerance: 1e-3, absoluteTolerance: 1e-4)
        #expect(failures.count == 2)
        #expect(failures.allSatisfy { $0.parameter.contains("row 2 ") })
    }
}
