/// The method-independent inputs of a table's tasks, prepared once per table: the exact
/// neighbours of the query rows and the word look-ups.
struct SweepTasks: Sendable {
    let table: EmbeddingTable
    let neighbours: NeighbourTask
    let wordSimilarity: WordSimilarityTask?
    let analogy: AnalogyTask?

    init(input: SweepTable, configuration: SweepConfiguration) {
        table = input.table
        neighbours = NeighbourTask(
            table: input.table, queryCount: configuration.queryCount, k: configuration.neighbourCount,
            seed: configuration.seed)
        if let vocabulary = input.vocabulary, let pairs = input.wordSimilarityPairs {
            wordSimilarity = WordSimilarityTask(pairs: pairs, vocabulary: VocabularyIndex(words: vocabulary))
        } else {
            wordSimilarity = nil
        }
        if let vocabulary = input.vocabulary, let questions = input.analogyQuestions {
            analogy = AnalogyTask(
                questions: questions, vocabulary: vocabulary, vocabularyLimit: configuration.analogyVocabularyLimit)
        } else {
            analogy = nil
        }
    }

    /// One line per task saying what it covers on this table.
    func notes(tableName: String) -> [String] {
        var notes = ["\(tableName): neighbours: recall@\(neighbours.k) over \(neighbours.queryRows.count) seeded query rows searched among all \(table.rowCount) rows"]
        if let wordSimilarity {
            let total = wordSimilarity.pairCount + wordSimilarity.skippedCount
            notes.append("\(tableName): word similarity: \(wordSimilarity.pairCount) of \(total) pairs used, \(wordSimilarity.skippedCount) skipped with a word outside the vocabulary")
        }
        if let analogy {
            notes.append("\(tableName): analogy: \(analogy.questionCount) of \(analogy.totalQuestionCount) questions have all four words among the first \(analogy.vocabularyLimit) rows")
        }
        return notes
    }
}
