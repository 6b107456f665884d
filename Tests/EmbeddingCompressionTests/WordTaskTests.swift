import EmbeddingCompression
import Foundation
import Testing

@Suite struct WordTaskTests {
    /// A vocabulary built so that woman - man + king is exactly queen:
    /// gender is the first two coordinates, royalty the last two, every word has norm sqrt(2).
    static let words = ["man", "woman", "king", "queen", "apple", "pear", "prince"]
    static let vectors: [[Float]] = [
        [1, 0, 1, 0],   // man
        [0, 1, 1, 0],   // woman
        [1, 0, 0, 1],   // king
        [0, 1, 0, 1],   // queen
        [0, 0, 1, 1],   // apple
        [1, 1, 0, 0],   // pear
        [0, 1, 0, 1],   // prince: same vector as queen but outside a 6-word vocabulary
    ]

    static func table() throws -> EmbeddingTable {
        try EmbeddingTable(rowCount: words.count, dimension: 4, values: vectors.flatMap { $0 })
    }

    @Test func analogyFindsAnswerByConstruction() throws {
        let questions = [
            AnalogyTask.Question(a: "Man", b: "Woman", c: "King", d: "Queen"),  // correct, mixed case
            AnalogyTask.Question(a: "man", b: "woman", c: "king", d: "apple"),  // answer is queen: wrong
            AnalogyTask.Question(a: "man", b: "woman", c: "king", d: "prince"), // prince outside the vocabulary
        ]
        let task = AnalogyTask(questions: questions, vocabulary: Self.words, vocabularyLimit: 6)
        let result = task.evaluate(on: try Self.table())
        #expect(result.questionCount == 2)
        #expect(result.totalQuestionCount == 3)
        #expect(result.accuracy == 0.5)
    }

    @Test func wordSimilaritySkipsUnknownWords() throws {
        let pairs = [
            WordSimilarityTask.Pair(first: "man", second: "woman", humanScore: 8),
            WordSimilarityTask.Pair(first: "King", second: "queen", humanScore: 9),
            WordSimilarityTask.Pair(first: "apple", second: "king", humanScore: 1),
            WordSimilarityTask.Pair(first: "apple", second: "banana", humanScore: 7),
        ]
        let task = WordSimilarityTask(pairs: pairs, vocabulary: VocabularyIndex(words: Self.words))
        let result = task.evaluate(on: try Self.table())
        #expect(result.pairCount == 3)
        #expect(result.skippedCount == 1)
        // Cosines 0.5, 0.5, 0.5 are all equal, so the correlation is undefined.
        #expect(result.spearman == nil)
    }

    @Test func wordSimilarityCorrelatesWithCosine() throws {
        // Pairs with distinct cosines: queen-prince 1, man-woman 0.5, man-queen 0.
        let pairs = [
            WordSimilarityTask.Pair(first: "queen", second: "prince", humanScore: 10),
            WordSimilarityTask.Pair(first: "man", second: "woman", humanScore: 5),
            WordSimilarityTask.Pair(first: "man", second: "queen", humanScore: 1),
        ]
        let task = WordSimilarityTask(pairs: pairs, vocabulary: VocabularyIndex(words: Self.words))
        let spearman = try #require(task.evaluate(on: try Self.table()).spearman)
        #expect(abs(spearman - 1) < 1e-12)
    }

    @Test func readersParseFilesAndNameBadLines() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("word-task-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let pairsURL = folder.appendingPathComponent("pairs.tsv")
        try "# Word 1\tWord 2\tHuman (mean)\nlove\tsex\t6.77\ntiger\tcat\t7.35\n".write(to: pairsURL, atomically: true, encoding: .utf8)
        #expect(try WordSimilarityTask.readPairs(pairsURL) == [
            .init(first: "love", second: "sex", humanScore: 6.77),
            .init(first: "tiger", second: "cat", humanScore: 7.35),
        ])

        let questionsURL = folder.appendingPathComponent("questions.txt")
        try ": capital-common-countries\nAthens Greece Baghdad Iraq\n: family\nboy girl brother sister\n".write(to: questionsURL, atomically: true, encoding: .utf8)
        let questions = try AnalogyTask.readQuestions(questionsURL)
        #expect(questions.count == 2)
        #expect(questions[0] == AnalogyTask.Question(a: "Athens", b: "Greece", c: "Baghdad", d: "Iraq", section: "capital-common-countries"))
        #expect(questions[1].section == "family")

        let badURL = folder.appendingPathComponent("bad.tsv")
        try "love\tsex\t6.77\ntiger\tcat\n".write(to: badURL, atomically: true, encoding: .utf8)
        #expect(throws: EvaluatorError.malformedLine(path: badURL.path, line: 2, text: "tiger\tcat", expected: "'word1<TAB>word2<TAB>score'")) {
            try WordSimilarityTask.readPairs(badURL)
        }
    }
}
