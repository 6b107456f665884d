/// One table a sweep runs on, with the data its word tasks need.
public struct SweepTable: Sendable {
    /// Name shown in result rows, for example `glove-6b-50d`.
    public var name: String
    public var table: EmbeddingTable
    /// One word per row; the word tasks run only when it is given.
    public var vocabulary: [String]?
    /// Word pairs with human similarity scores (WordSim353); nil skips the task.
    public var wordSimilarityPairs: [WordSimilarityTask.Pair]?
    /// Analogy questions; nil skips the task.
    public var analogyQuestions: [AnalogyTask.Question]?

    public init(
        name: String, table: EmbeddingTable, vocabulary: [String]? = nil,
        wordSimilarityPairs: [WordSimilarityTask.Pair]? = nil, analogyQuestions: [AnalogyTask.Question]? = nil
    ) {
        self.name = name
        self.table = table
        self.vocabulary = vocabulary
        self.wordSimilarityPairs = wordSimilarityPairs
        self.analogyQuestions = analogyQuestions
    }
}
