import Dispatch
import EmbeddingCompression
import Foundation

/// Settings of a PV-DBOW or Binary PV-DBOW model.
public struct ParagraphVectorConfiguration: Sendable {
    /// Length of the document vector; the code length in bits for the binary model.
    public var dimension: Int
    /// True for Binary PV-DBOW (sigmoid code layer), false for real-valued PV-DBOW.
    public var binary: Bool
    /// Passes over the training documents.
    public var epochs: Int
    /// Noise words per observed word.
    public var negativeSamples: Int
    /// Initial SGD learning rate, decayed linearly to 0.01% of itself over training.
    public var learningRate: Float
    /// Binary model only: whether the forward pass rounds the code and the gradient passes
    /// through the sigmoid (straight-through estimator), so training uses the stored bits.
    public var straightThrough: Bool
    /// Passes over an unseen document when inferring its vector with the words frozen.
    public var inferenceEpochs: Int
    /// Training shards. Each shard trains on its own copy of the word side for one round of
    /// `documentsPerRound` documents, then the copies' changes are added together in shard
    /// order. Results depend on `shardCount` but not on thread scheduling.
    public var shardCount: Int
    public var documentsPerRound: Int
    public var seed: UInt64

    public init(dimension: Int, binary: Bool, epochs: Int = 10, negativeSamples: Int = 5,
                learningRate: Float = 0.025, straightThrough: Bool = true, inferenceEpochs: Int = 20, shardCount: Int = 2,
                documentsPerRound: Int = 5_000, seed: UInt64 = 42) {
        self.dimension = dimension
        self.binary = binary
        self.epochs = epochs
        self.negativeSamples = negativeSamples
        self.learningRate = learningRate
        self.straightThrough = straightThrough
        self.inferenceEpochs = inferenceEpochs
        self.shardCount = shardCount
        self.documentsPerRound = documentsPerRound
        self.seed = seed
    }
}

/// PV-DBOW (Le and Mikolov, "Distributed Representations of Sentences and Documents", 2014)
/// and Binary PV-DBOW (Grzegorczyk and Kurdziel, "Binary Paragraph Vectors", 2017), trained
/// with negative sampling on the words of each document.
///
/// Training is deterministic for a given seed and `shardCount`: see
/// `ParagraphVectorConfiguration.shardCount` for how the shards run in parallel.
public final class ParagraphVectorModel: Sendable {
    public let configuration: ParagraphVectorConfiguration
    public let vocabularySize: Int
    /// Output vector of each word, `vocabularySize x dimension`.
    public let wordVectors: [Float]
    /// Output bias of each word.
    public let wordBiases: [Float]
    /// Parameters `p` of each training document, `documentCount x dimension`; the binary
    /// model's code is `σ(p) > 0.5`, that is `p > 0`.
    public let documentParameters: [Float]
    /// Noise distribution: word ids repeated in proportion to count^0.75, as in word2vec.
    let noiseTable: [Int32]

    /// Trains a model on `documents` (token ids below `wordCounts.count`).
    /// - Parameter progress: called after each epoch with the epoch number, from one thread.
    /// - Throws: `CompressionError.invalidParameter` for a non-positive dimension, epoch or shard count.
    public init(documents: [[Int32]], wordCounts: [Int], configuration: ParagraphVectorConfiguration,
                progress: ((Int) -> Void)? = nil) throws {
        let method = configuration.binary ? "binary-paragraph-vector" : "paragraph-vector"
        for (name, value) in [("dimension", configuration.dimension), ("epochs", configuration.epochs),
                              ("shards", configuration.shardCount), ("documents-per-round", configuration.documentsPerRound),
                              ("negative-samples", configuration.negativeSamples)] where value < (name == "epochs" ? 0 : 1) {
            throw CompressionError.invalidParameter(method: method, name: name, value: String(value), reason: "must be positive")
        }
        let dimension = configuration.dimension
        self.configuration = configuration
        self.vocabularySize = wordCounts.count
        let noiseTable = Self.makeNoiseTable(wordCounts: wordCounts)
        self.noiseTable = noiseTable

        var wordVectors = [Float](repeating: 0, count: wordCounts.count * dimension)
        var wordBiases = [Float](repeating: 0, count: wordCounts.count)
        var parameters = [Float](repeating: 0, count: documents.count * dimension)
        for document in documents.indices {
            Self.initialiseDocument(&parameters, document: document, dimension: dimension, seed: configuration.seed)
        }
        Self.train(documents: documents, configuration: configuration, noiseTable: noiseTable,
                   wordVectors: &wordVectors, wordBiases: &wordBiases, parameters: &parameters, progress: progress)
        self.wordVectors = wordVectors
        self.wordBiases = wordBiases
        self.documentParameters = parameters
    }

    /// Infers parameters for unseen documents by SGD on their own vectors with the word side
    /// frozen, one document per work item across `threadCount` threads. Each document's
    /// noise samples are seeded by its index, so the result does not depend on threads.
    public func inferParameters(documents: [[Int32]], threadCount: Int) -> [Float] {
        let dimension = configuration.dimension
        var parameters = [Float](repeating: 0, count: documents.count * dimension)
        for document in documents.indices {
            Self.initialiseDocument(&parameters, document: document, dimension: dimension, seed: configuration.seed ^ 0x1AFE)
        }
        let configuration = self.configuration
        wordVectors.withUnsafeBufferPointer { words in
            wordBiases.withUnsafeBufferPointer { biases in
                noiseTable.withUnsafeBufferPointer { noise in
                    parameters.withUnsafeMutableBufferPointer { output in
                        let wordBase = SharedBuffer(words), biasBase = SharedBuffer(biases)
                        let noiseBase = SharedBuffer(noise), target = SharedMutableBuffer(output)
                        let noiseCount = noise.count
                        forEachRowRange(count: documents.count, threadCount: threadCount) { _, range in
                            var scratch = TrainingScratch(dimension: dimension, negatives: configuration.negativeSamples)
                            for document in range {
                                var generator = SplitMix64(seed: configuration.seed &+ 0x9E37 &* UInt64(document + 1))
                                let tokens = documents[document]
                                for epoch in 0..<configuration.inferenceEpochs {
                                    let rate = configuration.learningRate
                                        * max(1e-4, 1 - Float(epoch) / Float(max(1, configuration.inferenceEpochs)))
                                    for word in tokens {
                                        scratch.step(
                                            word: word, document: target.base + document * dimension,
                                            wordVectors: UnsafeMutablePointer(mutating: wordBase.base),
                                            wordBiases: UnsafeMutablePointer(mutating: biasBase.base),
                                            noise: noiseBase.base, noiseCount: noiseCount, generator: &generator,
                                            binary: configuration.binary, straightThrough: configuration.straightThrough, learningRate: rate, updateWords: false)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return parameters
    }

    /// Codes from document parameters: bit `j` is set when `p_j > 0`, that is `σ(p_j) > 0.5`.
    public static func codes(fromParameters parameters: [Float], dimension: Int) -> PackedBinaryCodes {
        parameters.withUnsafeBufferPointer {
            PackedBinaryCodes(signsOf: $0, rowCount: parameters.count / dimension, bitCount: dimension, stride: dimension)
        }
    }

    // MARK: - Training

    static func initialiseDocument(_ parameters: inout [Float], document: Int, dimension: Int, seed: UInt64) {
        var generator = SplitMix64(seed: seed &+ 0xD0C &* UInt64(document + 1))
        for index in 0..<dimension {
            parameters[document * dimension + index] = (Float(generator.nextUnitDouble()) - 0.5) / Float(dimension)
        }
    }

    static func makeNoiseTable(wordCounts: [Int], size: Int = 1 << 20) -> [Int32] {
        guard !wordCounts.isEmpty else { return [] }
        let weights = wordCounts.map { pow(Double(max($0, 0)), 0.75) }
        let total = weights.reduce(0, +)
        var table = [Int32](repeating: 0, count: size)
        var word = 0
        var cumulative = weights[0] / total
        for index in 0..<size {
            table[index] = Int32(word)
            if Double(index + 1) / Double(size) > cumulative && word < wordCounts.count - 1 {
                word += 1
                cumulative += weights[word] / total
            }
        }
        return table
    }

    private static func train(
        documents: [[Int32]], configuration: ParagraphVectorConfiguration, noiseTable: [Int32],
        wordVectors: inout [Float], wordBiases: inout [Float], parameters: inout [Float], progress: ((Int) -> Void)?
    ) {
        let shards = configuration.shardCount
        let documentCount = documents.count
        guard documentCount > 0, !noiseTable.isEmpty else { return }
        let totalSteps = Float(max(1, configuration.epochs * documentCount))
        // Per-shard copies of the word side, shard after shard; unused when there is one shard.
        var shardWords = [Float](repeating: 0, count: shards > 1 ? shards * wordVectors.count : 0)
        var shardBiases = [Float](repeating: 0, count: shards > 1 ? shards * wordBiases.count : 0)
        var order = Array(0..<documentCount)

        for epoch in 0..<configuration.epochs {
            var shuffler = SplitMix64(seed: configuration.seed &+ UInt64(epoch) &* 0x5851_F42D)
            for index in stride(from: documentCount - 1, to: 0, by: -1) {
                order.swapAt(index, Int(shuffler.next() % UInt64(index + 1)))
            }
            var roundStart = 0
            while roundStart < documentCount {
                let roundSize = min(shards * configuration.documentsPerRound, documentCount - roundStart)
                if shards > 1 {
                    for shard in 0..<shards {
                        shardWords.replaceSubrange((shard * wordVectors.count)..<((shard + 1) * wordVectors.count), with: wordVectors)
                        shardBiases.replaceSubrange((shard * wordBiases.count)..<((shard + 1) * wordBiases.count), with: wordBiases)
                    }
                }
                runRound(documents: documents, order: order, roundStart: roundStart, roundSize: roundSize,
                         firstStep: epoch * documentCount + roundStart, totalSteps: totalSteps,
                         configuration: configuration, noiseTable: noiseTable, wordVectors: &wordVectors,
                         wordBiases: &wordBiases, shardWords: &shardWords, shardBiases: &shardBiases,
                         parameters: &parameters)
                if shards > 1 {
                    mergeShards(into: &wordVectors, copies: shardWords, shardCount: shards)
                    mergeShards(into: &wordBiases, copies: shardBiases, shardCount: shards)
                }
                roundStart += roundSize
            }
            progress?(epoch + 1)
        }
    }

    /// Trains one round: shard `s` takes the `s`-th contiguous slice of the round's documents
    /// and updates its own copy of the word side (the shared one when there is one shard).
    /// Documents are disjoint between shards, so their parameters are written directly.
    private static func runRound(
        documents: [[Int32]], order: [Int], roundStart: Int, roundSize: Int, firstStep: Int, totalSteps: Float,
        configuration: ParagraphVectorConfiguration, noiseTable: [Int32],
        wordVectors: inout [Float], wordBiases: inout [Float], shardWords: inout [Float], shardBiases: inout [Float],
        parameters: inout [Float]
    ) {
        let shards = configuration.shardCount
        let dimension = configuration.dimension
        let wordStride = wordVectors.count, biasStride = wordBiases.count
        wordVectors.withUnsafeMutableBufferPointer { sharedWords in
            wordBiases.withUnsafeMutableBufferPointer { sharedBiases in
                shardWords.withUnsafeMutableBufferPointer { copiedWords in
                    shardBiases.withUnsafeMutableBufferPointer { copiedBiases in
                        noiseTable.withUnsafeBufferPointer { noise in
                            parameters.withUnsafeMutableBufferPointer { documentBuffer in
                                let words = SharedMutableBuffer(shards > 1 ? copiedWords : sharedWords)
                                let biases = SharedMutableBuffer(shards > 1 ? copiedBiases : sharedBiases)
                                let noiseBase = SharedBuffer(noise), documentBase = SharedMutableBuffer(documentBuffer)
                                let noiseCount = noise.count
                                DispatchQueue.concurrentPerform(iterations: shards) { shard in
                                    let sliceStart = roundStart + roundSize * shard / shards
                                    let sliceEnd = roundStart + roundSize * (shard + 1) / shards
                                    var generator = SplitMix64(
                                        seed: configuration.seed ^ (UInt64(firstStep) &* 0x2545_F491 &+ UInt64(shard)))
                                    var scratch = TrainingScratch(dimension: dimension, negatives: configuration.negativeSamples)
                                    let shardWordBase = words.base + (shards > 1 ? shard * wordStride : 0)
                                    let shardBiasBase = biases.base + (shards > 1 ? shard * biasStride : 0)
                                    for position in sliceStart..<sliceEnd {
                                        let step = Float(firstStep + (position - roundStart))
                                        let rate = configuration.learningRate * max(1e-4, 1 - step / totalSteps)
                                        let document = order[position]
                                        for word in documents[document] {
                                            scratch.step(
                                                word: word, document: documentBase.base + document * dimension,
                                                wordVectors: shardWordBase, wordBiases: shardBiasBase,
                                                noise: noiseBase.base, noiseCount: noiseCount, generator: &generator,
                                                binary: configuration.binary, straightThrough: configuration.straightThrough, learningRate: rate, updateWords: true)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `target += Σ_s (copy_s - target)`: each shard's change is added, in shard order.
    private static func mergeShards(into target: inout [Float], copies: [Float], shardCount: Int) {
        let count = target.count
        target.withUnsafeMutableBufferPointer { output in
            copies.withUnsafeBufferPointer { copyBuffer in
                let base = SharedMutableBuffer(output), copied = SharedBuffer(copyBuffer)
                forEachRowRange(count: count, threadCount: 2) { _, range in
                    for index in range {
                        let original = base[index]
                        var value = original
                        for shard in 0..<shardCount { value += copied[shard * count + index] - original }
                        base[index] = value
                    }
                }
            }
        }
    }
}

/// Per-thread scratch for `NegativeSampling.step`.
struct TrainingScratch {
    var hidden: [Float]
    var gradient: [Float]
    var targets: [Int32]

    init(dimension: Int, negatives: Int) {
        hidden = [Float](repeating: 0, count: dimension)
        gradient = [Float](repeating: 0, count: dimension)
        targets = [Int32](repeating: 0, count: negatives + 1)
    }

    /// Samples noise words (never the observed word) and applies one step.
    @inline(__always)
    mutating func step(
        word: Int32, document: UnsafeMutablePointer<Float>, wordVectors: UnsafeMutablePointer<Float>,
        wordBiases: UnsafeMutablePointer<Float>, noise: UnsafePointer<Int32>, noiseCount: Int,
        generator: inout SplitMix64, binary: Bool, straightThrough: Bool, learningRate: Float, updateWords: Bool
    ) {
        let dimension = hidden.count
        targets[0] = word
        var filled = 1
        var attempts = 0
        while filled < targets.count && attempts < 10 * targets.count {
            let candidate = noise[Int(generator.next() % UInt64(noiseCount))]
            attempts += 1
            if candidate == word { continue }
            targets[filled] = candidate
            filled += 1
        }
        hidden.withUnsafeMutableBufferPointer { hiddenBuffer in
            gradient.withUnsafeMutableBufferPointer { gradientBuffer in
                targets.withUnsafeBufferPointer { targetBuffer in
                    NegativeSampling.step(
                        documentParameters: document, wordVectors: wordVectors, wordBiases: wordBiases,
                        targets: UnsafeBufferPointer(rebasing: targetBuffer[0..<filled]), dimension: dimension,
                        binary: binary, straightThrough: straightThrough, learningRate: learningRate, updateWords: updateWords,
                        hidden: hiddenBuffer.baseAddress!, gradient: gradientBuffer.baseAddress!)
                }
            }
        }
    }
}
