/// Lowercase lookup from word to row for the word tasks.
///
/// When several rows lowercase to the same word, the first row wins, which for a
/// frequency-ordered vocabulary such as GloVe's is the most frequent form.
public struct VocabularyIndex: Sendable {
    private let rowsByWord: [String: Int]
    /// Rows covered: the first `rowCount` entries of the vocabulary.
    public let rowCount: Int

    /// Indexes the first `limit` words of `words` (all words when nil).
    public init(words: [String], limit: Int? = nil) {
        let count = min(limit ?? words.count, words.count)
        var rowsByWord: [String: Int] = [:]
        rowsByWord.reserveCapacity(count)
        for row in 0..<count {
            let key = words[row].lowercased()
            if rowsByWord[key] == nil { rowsByWord[key] = row }
        }
        self.rowsByWord = rowsByWord
        self.rowCount = count
    }

    /// The row of `word`, compared in lowercase, or nil when it is not in the vocabulary.
    public func row(of word: String) -> Int? { rowsByWord[word.lowercased()] }
}
