@testable import BinaryCodes
import EmbeddingCompression
import Foundation
import Testing

/// Negative-sampling loss written from its definition, in Float64, for a document vector `h`:
/// `-log σ(u_w · h + c_w) - Σ_noise log σ(-(u_n · h + c_n))`.
func negativeSamplingLoss(hidden h: [Double], words: [[Double]], biases: [Double], targets: [Int]) -> Double {
    var loss = 0.0
    for (position, word) in targets.enumerated() {
        let score = zip(words[word], h).reduce(0) { $0 + $1.0 * $1.1 } + biases[word]
        loss -= log(1 / (1 + exp(position == 0 ? -score : score)))
    }
    return loss
}

func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

/// The three code layers: real-valued `h = p`, soft binary `h = 2σ(p) - 1`, and rounded
/// binary `h = sign(p)` trained with the straight-through estimator.
enum CodeLayer: CaseIterable {
    case real, sigmoid, straightThrough

    func hidden(_ p: [Double]) -> [Double] {
        switch self {
        case .real: return p
        case .sigmoid: return p.map { 2 * logistic($0) - 1 }
        case .straightThrough: return p.map { $0 > 0 ? 1 : -1 }
        }
    }
}

@Suite("Paragraph vectors")
struct ParagraphVectorTests {
    @Test("step gradient matches finite differences", arguments: CodeLayer.allCases)
    func gradientMatchesFiniteDifferences(layer: CodeLayer) {
        let dimension = 5, vocabulary = 6
        var generator = SplitMix64(seed: 7)
        let parameters = (0..<dimension).map { _ in Float(generator.nextGaussian()) }
        let words = (0..<(vocabulary * dimension)).map { _ in Float(generator.nextGaussian() * 0.5) }
        let biases = (0..<vocabulary).map { _ in Float(generator.nextGaussian() * 0.1) }
        let targets: [Int32] = [2, 0, 4, 5]

        // With learning rate 1 the step subtracts exactly the gradient at the starting point.
        var stepped = parameters, steppedWords = words, steppedBiases = biases
        var hidden = [Float](repeating: 0, count: dimension), gradient = hidden
        stepped.withUnsafeMutableBufferPointer { p in
            steppedWords.withUnsafeMutableBufferPointer { u in
                steppedBiases.withUnsafeMutableBufferPointer { c in
                    targets.withUnsafeBufferPointer { t in
                        NegativeSampling.step(
                            documentParameters: p.baseAddress!, wordVectors: u.baseAddress!, wordBiases: c.baseAddress!,
                            targets: t, dimension: dimension, binary: layer != .real,
                            straightThrough: layer == .straightThrough, learningRate: 1, updateWords: true,
                            hidden: &hidden, gradient: &gradient)
                    }
                }
            }
        }

        let p = parameters.map(Double.init)
        let u = (0..<vocabulary).map { word in (0..<dimension).map { Double(words[word * dimension + $0]) } }
        let c = biases.map(Double.init)
        let t = targets.map(Int.init)
        let h = layer.hidden(p)
        let epsilon = 1e-6
        func close(_ numeric: Double, _ analytic: Double) -> Bool { abs(numeric - analytic) < 1e-4 * max(1, abs(numeric)) }

        for index in 0..<dimension {
            var numeric: Double
            if layer == .straightThrough {
                // Straight-through: the gradient with respect to h at the rounded code, passed
                // back through the derivative of the soft layer 2σ(p) - 1.
                var plus = h, minus = h
                plus[index] += epsilon
                minus[index] -= epsilon
                let byHidden = (negativeSamplingLoss(hidden: plus, words: u, biases: c, targets: t)
                    - negativeSamplingLoss(hidden: minus, words: u, biases: c, targets: t)) / (2 * epsilon)
                numeric = byHidden * 2 * logistic(p[index]) * (1 - logistic(p[index]))
            } else {
                var plus = p, minus = p
                plus[index] += epsilon
                minus[index] -= epsilon
                numeric = (negativeSamplingLoss(hidden: layer.hidden(plus), words: u, biases: c, targets: t)
                    - negativeSamplingLoss(hidden: layer.hidden(minus), words: u, biases: c, targets: t)) / (2 * epsilon)
            }
            #expect(close(numeric, Double(parameters[index] - stepped[index])), "document parameter \(index)")
        }
        for word in Set(t) {
            for index in 0..<dimension {
                var plus = u, minus = u
                plus[word][index] += epsilon
                minus[word][index] -= epsilon
                let numeric = (negativeSamplingLoss(hidden: h, words: plus, biases: c, targets: t)
                    - negativeSamplingLoss(hidden: h, words: minus, biases: c, targets: t)) / (2 * epsilon)
                let analytic = Double(words[word * dimension + index] - steppedWords[word * dimension + index])
                #expect(close(numeric, analytic), "word \(word), component \(index)")
            }
            var plus = c, minus = c
            plus[word] += epsilon
            minus[word] -= epsilon
            let numeric = (negativeSamplingLoss(hidden: h, words: u, biases: plus, targets: t)
                - negativeSamplingLoss(hidden: h, words: u, biases: minus, targets: t)) / (2 * epsilon)
            #expect(close(numeric, Double(biases[word] - steppedBiases[word])), "bias \(word)")
        }
        // Words outside the targets do not move.
        #expect(steppedWords[1 * dimension] == words[1 * dimension])
        #expect(steppedWords[3 * dimension + 2] == words[3 * dimension + 2])
    }

    @Test("frozen step leaves words unchanged")
    func frozenStep() {
        var p: [Float] = [0.1, -0.2, 0.3, 0.0]
        var u: [Float] = (0..<12).map { Float($0) / 10 }
        var c: [Float] = [0.1, 0.2, 0.3]
        let before = u, biasesBefore = c, parametersBefore = p
        var hidden = [Float](repeating: 0, count: 4), gradient = hidden
        let targets: [Int32] = [1, 2]
        p.withUnsafeMutableBufferPointer { pp in
            u.withUnsafeMutableBufferPointer { uu in
                c.withUnsafeMutableBufferPointer { cc in
                    targets.withUnsafeBufferPointer { t in
                        NegativeSampling.step(documentParameters: pp.baseAddress!, wordVectors: uu.baseAddress!,
                                              wordBiases: cc.baseAddress!, targets: t, dimension: 4, binary: true,
                                              learningRate: 0.5, updateWords: false, hidden: &hidden, gradient: &gradient)
                    }
                }
            }
        }
        #expect(u == before)
        #expect(c == biasesBefore)
        #expect(p != parametersBefore)
    }

    static let tinyCorpus: [[Int32]] = (0..<60).map { document in
        let topic = Int32(document % 3)
        return (0..<8).map { position in topic * 4 + Int32((document + position) % 4) }
    }

    @Test("training is deterministic for a shard count")
    func trainingDeterministic() throws {
        let counts = [Int](repeating: 40, count: 12)
        let configuration = ParagraphVectorConfiguration(dimension: 16, binary: true, epochs: 3, shardCount: 2,
                                                         documentsPerRound: 7, seed: 5)
        let first = try ParagraphVectorModel(documents: Self.tinyCorpus, wordCounts: counts, configuration: configuration)
        let second = try ParagraphVectorModel(documents: Self.tinyCorpus, wordCounts: counts, configuration: configuration)
        #expect(first.documentParameters == second.documentParameters)
        #expect(first.wordVectors == second.wordVectors)
        let inferredOne = first.inferParameters(documents: Array(Self.tinyCorpus.prefix(9)), threadCount: 1)
        let inferredTwo = first.inferParameters(documents: Array(Self.tinyCorpus.prefix(9)), threadCount: 2)
        #expect(inferredOne == inferredTwo)
    }

    @Test("codes are signs of the parameters")
    func codesAreSigns() {
        let parameters: [Float] = [0.5, -0.1, 0, 2, -3, 0.01]
        let codes = ParagraphVectorModel.codes(fromParameters: parameters, dimension: 3)
        #expect(codes.rowCount == 2)
        #expect((0..<3).map { codes.bit(row: 0, bit: $0) } == [true, false, false])
        #expect((0..<3).map { codes.bit(row: 1, bit: $0) } == [true, false, true])
    }

    @Test("invalid configuration is rejected")
    func invalidConfiguration() {
        #expect(throws: CompressionError.self) {
            try ParagraphVectorModel(documents: Self.tinyCorpus, wordCounts: [1, 2],
                                     configuration: ParagraphVectorConfiguration(dimension: 0, binary: true))
        }
    }
}
