import Foundation

/// The word-similarity task (WordSim353 and sets like it): the Spearman correlation between
/// human similarity scores and the cosine of the two words' rows.
public struct WordSimilarityTask: Sendable {
    /// One scored word pair.
    public struct Pair: Sendable, Equatable {
        public var first: String
        public var second: String
        public var humanScore: Double

        public init(first: String, second: String, humanScore: Double) {
            self.first = first
            self.second = second
            self.humanScore = humanScore
        }
    }

    /// What one evaluation measured.
    public struct Result: Sendable, Equatable {
        /// Spearman correlation, nil when fewer than two pairs were usable.
        public var spearman: Double?
        /// Pairs with both words in the vocabulary.
        public var pairCount: Int
        /// Pairs skipped because a word is not in the vocabulary.
        public var skippedCount: Int
    }

    /// Pairs whose words are both in the vocabulary, as rows.
    private let rowPairs: [(first: Int, second: Int)]
    private let humanScores: [Double]
    /// Pairs skipped because a word is not in the vocabulary.
    public let skippedCount: Int

    /// Pairs with both words in the vocabulary.
    public var pairCount: Int { rowPairs.count }

    /// Looks up every pair in `vocabulary`, counting the pairs with an unknown word.
    public init(pairs: [Pair], vocabulary: VocabularyIndex) {
        var rowPairs: [(first: Int, second: Int)] = []
        var humanScores: [Double] = []
        var skipped = 0
        for pair in pairs {
            guard let first = vocabulary.row(of: pair.first), let second = vocabulary.row(of: pair.second) else {
                skipped += 1
                continue
            }
            rowPairs.append((first, second))
            humanScores.append(pair.humanScore)
        }
        self.rowPairs = rowPairs
        self.humanScores = humanScores
        self.skippedCount = skipped
    }

    /// Correlates the human scores with cosines computed on `table`. A zero row has cosine 0
    /// with every row.
    public func evaluate(on table: EmbeddingTable) -> Result {
        let cosines = rowPairs.map { pair in Self.cosine(table.row(pair.first), table.row(pair.second)) }
        return Result(
            spearman: SpearmanCorrelation.coefficient(humanScores, cosines),
            pairCount: rowPairs.count, skippedCount: skippedCount)
    }

    static func cosine(_ x: [Float], _ y: [Float]) -> Double {
        var xy = 0.0, xx = 0.0, yy = 0.0
        for (a, b) in zip(x, y) {
            xy += Double(a) * Double(b)
            xx += Double(a) * Double(a)
            yy += Double(b) * Double(b)
        }
        return xx > 0 && yy > 0 ? xy / (xx * yy).squareRoot() : 0
    }

    /// Reads pairs from a tab- or space-separated file of `word1 word2 score` lines, as
    /// WordSim353 ships. Blank lines and lines starting with `#` are skipped.
    /// - Throws: `EvaluatorError` naming the file and line of a malformed entry.
    public static func readPairs(_ url: URL) throws -> [Pair] {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw EvaluatorError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        var pairs: [Pair] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(whereSeparator: { $0 == "\t" || $0 == " " })
            guard fields.count == 3, let score = Double(fields[2]), score.isFinite else {
                throw EvaluatorError.malformedLine(
                    path: url.path, line: offset + 1, text: trimmed, expected: "'word1<TAB>word2<TAB>score'")
            }
            pairs.append(Pair(first: String(fields[0]), second: String(fields[1]), humanScore: score))
        }
        guard !pairs.isEmpty else { throw EvaluatorError.emptyFile(path: url.path, expected: "word pairs") }
        return pairs
    }
}
