import Dispatch
import EmbeddingCompression
import Foundation

/// A factorization machine or DeepFM over any `TrainableEmbedding`.
///
/// For a sample with pooled field embeddings `e_f` (the weighted sum of the embeddings of the
/// field's lookups, which mean-pools a multi-valued field) the logit is
/// `bias + sum of weighted first-order weights + sum_{f<g} <e_f, e_g>` and, for DeepFM,
/// plus `MLP(concat(e_1, ..., e_F))`. The loss is the mean binary cross-entropy of the batch.
///
/// First-order weights are a separate 1-column `SparseParameterTable` over the full rows of the
/// stacked table. They stay uncompressed whatever the embedding method, because compressing
/// them saves only `rows x 4` bytes against `rows x dimension x 4` for the embedding. They count
/// towards the model's size, not the embedding footprint that budgets constrain.
///
/// Work per batch: the embedding lookups and the sparse updates run on the calling thread
/// (embedding layers are not thread-safe); the dense part (FM interaction, MLP, their
/// gradients) runs on two halves of the batch in parallel, and the two halves' dense gradients
/// are added in a fixed order, so the same seed gives the same result bit for bit.
public final class CTRModel {
    public let kind: CTRModelKind
    public let fieldCount: Int
    public let dimension: Int
    /// The embedding layer. Replacing it (for example by the decoded rows of a compressed
    /// table) keeps every other parameter of the model.
    public var embedding: any TrainableEmbedding
    /// First-order weight of every row of the stacked table, `rowCount x 1`.
    public let firstOrder: SparseParameterTable
    /// Global bias at index 0, then the MLP's parameters (DeepFM).
    public internal(set) var denseParameters: [Float]
    /// Gradients of `denseParameters` accumulated since the last `applyGradients`.
    public internal(set) var denseGradients: [Float]
    let perceptron: MultilayerPerceptron?
    let denseOptimizer: DenseOptimizer

    /// - Precondition: `embedding` covers `schema.totalRowCount` rows.
    public init(schema: FeatureSchema, embedding: any TrainableEmbedding, configuration: ModelConfiguration) {
        kind = configuration.kind
        fieldCount = schema.fields.count
        dimension = embedding.dimension
        self.embedding = embedding
        firstOrder = SparseParameterTable(rowCount: schema.totalRowCount, dimension: 1,
                                          optimizer: configuration.optimizer, initialScale: 0, seed: 0)
        var denseCount = 1
        if configuration.kind == .deepfm {
            let perceptron = MultilayerPerceptron(inputSize: fieldCount * dimension,
                                                  hiddenSizes: configuration.hiddenSizes, baseOffset: 1)
            denseCount += perceptron.parameterCount
            self.perceptron = perceptron
        } else {
            perceptron = nil
        }
        denseParameters = [Float](repeating: 0, count: denseCount)
        denseGradients = [Float](repeating: 0, count: denseCount)
        var generator = SplitMix64(seed: configuration.seed)
        perceptron?.initialize(&denseParameters, generator: &generator)
        var denseConfiguration = configuration.optimizer
        denseConfiguration.l2 = 0
        denseOptimizer = DenseOptimizer(parameterCount: denseCount, configuration: denseConfiguration)
    }

    /// Bytes of the parameters outside the embedding layer (first-order weights and dense
    /// parameters) as Float32.
    public var nonEmbeddingBytes: Int { (firstOrder.rowCount + denseParameters.count) * 4 }

    /// Computes the logit of every sample of `batch`.
    public func logits(for batch: ClickBatch) -> [Float] {
        run(batch, training: false).logits
    }

    /// Computes the mean loss of `batch` and accumulates the gradients of every parameter;
    /// `applyGradients()` then takes the optimizer step.
    /// - Returns: the mean binary cross-entropy of the batch.
    @discardableResult
    public func computeGradients(_ batch: ClickBatch) -> Double {
        run(batch, training: true).loss
    }

    /// Takes one optimizer step for the embedding layer, the first-order weights and the dense parameters.
    public func applyGradients() {
        embedding.applyGradients()
        firstOrder.applyGradients()
        denseOptimizer.step(values: &denseParameters, gradients: denseGradients)
        for index in denseGradients.indices { denseGradients[index] = 0 }
    }

    /// Computes gradients on `batch` and applies them. Returns the batch's mean loss.
    @discardableResult
    public func trainStep(_ batch: ClickBatch) -> Double {
        let loss = computeGradients(batch)
        applyGradients()
        return loss
    }

    // MARK: - Forward and backward

    private func run(_ batch: ClickBatch, training: Bool) -> (logits: [Float], loss: Double) {
        let sampleCount = batch.count
        let lookupCount = batch.lookupRows.count
        let fieldCount = self.fieldCount, dimension = self.dimension
        let sampleWidth = fieldCount * dimension

        var lookedUp = [Float](repeating: 0, count: lookupCount * dimension)
        batch.lookupFields.withUnsafeBufferPointer { fields in
            batch.lookupRows.withUnsafeBufferPointer { rows in
                lookedUp.withUnsafeMutableBufferPointer { output in
                    embedding.forward(fields: fields, rows: rows, into: output)
                }
            }
        }

        // Pool the lookups of each (sample, field) with their weights.
        var pooled = [Float](repeating: 0, count: sampleCount * sampleWidth)
        var linear = [Float](repeating: 0, count: sampleCount)
        lookedUp.withUnsafeBufferPointer { lookedUp in
            pooled.withUnsafeMutableBufferPointer { pooled in
                firstOrder.values.withUnsafeBufferPointer { firstOrderValues in
                    for sample in 0..<sampleCount {
                        var linearSum: Float = 0
                        for lookup in batch.sampleOffsets[sample]..<batch.sampleOffsets[sample + 1] {
                            let weight = batch.lookupWeights[lookup]
                            let target = pooled.baseAddress! + sample * sampleWidth + Int(batch.lookupFields[lookup]) * dimension
                            VectorKernels.axpy(weight, lookedUp.baseAddress! + lookup * dimension, target, count: dimension)
                            linearSum += weight * firstOrderValues[Int(batch.lookupRows[lookup])]
                        }
                        linear[sample] = linearSum
                    }
                }
            }
        }

        var logits = [Float](repeating: 0, count: sampleCount)
        var pooledGradients = [Float](repeating: 0, count: training ? sampleCount * sampleWidth : 0)
        var logitGradients = [Float](repeating: 0, count: training ? sampleCount : 0)
        let partCount = min(2, sampleCount)
        var partGradients = [[Float]](repeating: [Float](repeating: 0, count: training ? denseParameters.count : 0),
                                      count: partCount)
        var partLosses = [Double](repeating: 0, count: partCount)

        pooled.withUnsafeBufferPointer { pooled in
            linear.withUnsafeBufferPointer { linear in
                batch.labels.withUnsafeBufferPointer { labels in
                    logits.withUnsafeMutableBufferPointer { logits in
                        pooledGradients.withUnsafeMutableBufferPointer { pooledGradients in
                            logitGradients.withUnsafeMutableBufferPointer { logitGradients in
                                partGradients.withUnsafeMutableBufferPointer { partGradients in
                                    partLosses.withUnsafeMutableBufferPointer { partLosses in
                                        let buffers = PartBuffers(
                                            pooled: pooled, linear: linear, labels: labels, logits: logits,
                                            pooledGradients: pooledGradients, logitGradients: logitGradients,
                                            partGradients: partGradients, partLosses: partLosses)
                                        // The parts touch disjoint memory (see PartBuffers) and only read the model.
                                        nonisolated(unsafe) let model = self
                                        DispatchQueue.concurrentPerform(iterations: partCount) { part in
                                            let start = sampleCount * part / partCount
                                            let end = sampleCount * (part + 1) / partCount
                                            model.runPart(start..<end, part: part, batchSize: sampleCount,
                                                    training: training, buffers: buffers)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        guard training else { return (logits, 0) }

        // Reduce the parts in a fixed order so the sum does not depend on thread timing.
        for part in 0..<partCount {
            for index in denseGradients.indices { denseGradients[index] += partGradients[part][index] }
        }

        // Spread each pooled gradient back to the lookups it came from.
        var lookupGradients = [Float](repeating: 0, count: lookupCount * dimension)
        pooledGradients.withUnsafeBufferPointer { pooledGradients in
            lookupGradients.withUnsafeMutableBufferPointer { lookupGradients in
                for sample in 0..<sampleCount {
                    for lookup in batch.sampleOffsets[sample]..<batch.sampleOffsets[sample + 1] {
                        let weight = batch.lookupWeights[lookup]
                        let source = pooledGradients.baseAddress! + sample * sampleWidth + Int(batch.lookupFields[lookup]) * dimension
                        VectorKernels.axpy(weight, source, lookupGradients.baseAddress! + lookup * dimension, count: dimension)
                        var firstOrderGradient = weight * logitGradients[sample]
                        withUnsafePointer(to: &firstOrderGradient) { pointer in
                            firstOrder.accumulate(row: Int(batch.lookupRows[lookup]),
                                                  gradient: UnsafeBufferPointer(start: pointer, count: 1))
                        }
                    }
                }
            }
        }
        batch.lookupFields.withUnsafeBufferPointer { fields in
            batch.lookupRows.withUnsafeBufferPointer { rows in
                lookupGradients.withUnsafeBufferPointer { gradients in
                    embedding.backward(fields: fields, rows: rows, outputGradients: gradients)
                }
            }
        }
        return (logits, partLosses.reduce(0, +) / Double(sampleCount))
    }

    /// Pointers shared by the two parts of a batch; each part writes only its own samples'
    /// entries and its own gradient buffer and loss.
    private struct PartBuffers: @unchecked Sendable {
        let pooled: UnsafeBufferPointer<Float>
        let linear: UnsafeBufferPointer<Float>
        let labels: UnsafeBufferPointer<Float>
        let logits: UnsafeMutableBufferPointer<Float>
        let pooledGradients: UnsafeMutableBufferPointer<Float>
        let logitGradients: UnsafeMutableBufferPointer<Float>
        let partGradients: UnsafeMutableBufferPointer<[Float]>
        let partLosses: UnsafeMutableBufferPointer<Double>
    }

    /// Dense forward (and backward when `training`) for the samples `range` of the batch.
    private func runPart(_ range: Range<Int>, part: Int, batchSize: Int, training: Bool, buffers: PartBuffers) {
        let sampleCount = range.count
        guard sampleCount > 0 else { return }
        let dimension = self.dimension, fieldCount = self.fieldCount
        let sampleWidth = fieldCount * dimension
        let input = buffers.pooled.baseAddress! + range.lowerBound * sampleWidth
        denseParameters.withUnsafeBufferPointer { parameters in
            var activations: [[Float]] = []
            if let perceptron {
                activations = perceptron.makeActivations(sampleCount: sampleCount)
                perceptron.forward(parameters: parameters.baseAddress!, input: input,
                                   sampleCount: sampleCount, activations: &activations)
            }
            var fieldSums = [Float](repeating: 0, count: sampleCount * dimension)
            var loss = 0.0
            fieldSums.withUnsafeMutableBufferPointer { fieldSums in
                for local in 0..<sampleCount {
                    let sample = range.lowerBound + local
                    var logit = parameters[0] + buffers.linear[sample]
                    logit += FactorizationMachine.interaction(
                        embeddings: input + local * sampleWidth, fieldCount: fieldCount, dimension: dimension,
                        fieldSum: fieldSums.baseAddress! + local * dimension)
                    if perceptron != nil { logit += activations[activations.count - 1][local] }
                    buffers.logits[sample] = logit
                    guard training else { continue }
                    let label = buffers.labels[sample]
                    // Cross-entropy from the logit: softplus(z) - y z, stable for any z.
                    let z = Double(logit)
                    loss += max(z, 0) - Double(label) * z + log1p(exp(-abs(z)))
                    buffers.logitGradients[sample] = (ClassificationMetrics.sigmoid(logit) - label) / Float(batchSize)
                }
            }
            guard training else { return }
            buffers.partLosses[part] = loss

            buffers.partGradients[part].withUnsafeMutableBufferPointer { gradients in
                for local in 0..<sampleCount {
                    gradients[0] += buffers.logitGradients[range.lowerBound + local]
                }
                let inputGradients = buffers.pooledGradients.baseAddress! + range.lowerBound * sampleWidth
                if let perceptron {
                    perceptron.backward(parameters: parameters.baseAddress!, input: input, sampleCount: sampleCount,
                                        activations: activations,
                                        outputGradients: UnsafePointer(buffers.logitGradients.baseAddress! + range.lowerBound),
                                        gradients: gradients.baseAddress!, inputGradients: inputGradients)
                }
                fieldSums.withUnsafeBufferPointer { fieldSums in
                    for local in 0..<sampleCount {
                        FactorizationMachine.backward(
                            embeddings: input + local * sampleWidth, fieldSum: fieldSums.baseAddress! + local * dimension,
                            fieldCount: fieldCount, dimension: dimension,
                            outputGradient: buffers.logitGradients[range.lowerBound + local],
                            embeddingGradients: inputGradients + local * sampleWidth)
                    }
                }
            }
        }
    }
}
