import Foundation

/// The analogy task (Mikolov et al., 2013, "Efficient Estimation of Word Representations in
/// Vector Space"): for `a : b :: c : d`, predict d as the word whose unit row has the largest
/// cosine with `b̂ - â + ĉ` (3CosAdd), the three input words excluded.
///
/// Candidates are the first `vocabularyLimit` rows (GloVe rows are ordered by frequency, so
/// these are the most frequent words), and only questions whose four words are all among them
/// count, as in the usual evaluation with a restricted vocabulary.
public struct AnalogyTask: Sendable {
    /// One question `a : b :: c : d` with its section (for example `capital-common-countries`).
    public struct Question: Sendable, Equatable {
        public var a: String
        public var b: String
        public var c: String
        public var d: String
        public var section: String

        public init(a: String, b: String, c: String, d: String, section: String = "") {
            self.a = a
            self.b = b
            self.c = c
            self.d = d
            self.section = section
        }
    }

    /// What one evaluation measured.
    public struct Result: Sendable, Equatable {
        /// Share of the answerable questions predicted correctly; nil when none is answerable.
        public var accuracy: Double?
        /// Questions with all four words in the restricted vocabulary.
        public var questionCount: Int
        /// Questions in the file.
        public var totalQuestionCount: Int
    }

    /// Rows of a, b, c and d for each answerable question.
    private let rows: [(a: Int, b: Int, c: Int, d: Int)]
    public let totalQuestionCount: Int
    /// Candidate rows: the first `vocabularyLimit` rows of the table.
    public let vocabularyLimit: Int

    /// Looks up the questions in the first `vocabularyLimit` words of `vocabulary`.
    public init(questions: [Question], vocabulary: [String], vocabularyLimit: Int = 30_000) {
        let index = VocabularyIndex(words: vocabulary, limit: vocabularyLimit)
        rows = questions.compactMap { question in
            guard let a = index.row(of: question.a), let b = index.row(of: question.b),
                  let c = index.row(of: question.c), let d = index.row(of: question.d)
            else { return nil }
            return (a, b, c, d)
        }
        totalQuestionCount = questions.count
        self.vocabularyLimit = index.rowCount
    }

    /// Questions with all four words in the restricted vocabulary.
    public var questionCount: Int { rows.count }

    /// Answers every question with 3CosAdd on `table`.
    /// - Complexity: O(questionCount * vocabularyLimit * dimension), spread over every core.
    public func evaluate(on table: EmbeddingTable) -> Result {
        guard !rows.isEmpty else {
            return Result(accuracy: nil, questionCount: 0, totalQuestionCount: totalQuestionCount)
        }
        let index = CosineSearchIndex(table: table, rowLimit: vocabularyLimit)
        let dimension = table.dimension
        var queries = [Float](repeating: 0, count: rows.count * dimension)
        for (question, row) in rows.enumerated() {
            let a = index.unitRow(row.a), b = index.unitRow(row.b), c = index.unitRow(row.c)
            for column in 0..<dimension {
                queries[question * dimension + column] = b[column] - a[column] + c[column]
            }
        }
        let answers = index.nearest(queries: queries, k: 1, excluding: rows.map { [$0.a, $0.b, $0.c] })
        var correct = 0
        for (row, answer) in zip(rows, answers) where answer.first == row.d { correct += 1 }
        return Result(
            accuracy: Double(correct) / Double(rows.count), questionCount: rows.count,
            totalQuestionCount: totalQuestionCount)
    }

    /// Reads questions in the word2vec `questions-words.txt` format: `: section` header lines,
    /// then one question of four space-separated words per line.
    /// - Throws: `EvaluatorError` naming the file and line of a malformed question.
    public static func readQuestions(_ url: URL) throws -> [Question] {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw EvaluatorError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        var questions: [Question] = []
        var section = ""
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix(":") {
                section = trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
                continue
            }
            let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard words.count == 4 else {
                throw EvaluatorError.malformedLine(
                    path: url.path, line: offset + 1, text: trimmed, expected: "four words 'a b c d' or a ': section' header")
            }
            questions.append(Question(a: words[0], b: words[1], c: words[2], d: words[3], section: section))
        }
        guard !questions.isEmpty else { throw EvaluatorError.emptyFile(path: url.path, expected: "analogy questions") }
        return questions
    }
}
