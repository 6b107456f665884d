import Foundation

/// One labelled document before tokenisation.
public struct LabeledDocument: Sendable, Equatable {
    public var label: String
    public var text: String

    public init(label: String, text: String) {
        self.label = label
        self.text = text
    }
}

/// Tokenised documents over a vocabulary, each with a label index.
///
/// Tokens are maximal runs of letters after lowercasing (`Character.isLetter`), so digits,
/// punctuation and underscores separate words. Words seen fewer than `minimumCount` times in
/// the whole corpus are dropped. A document left with no known word is skipped and counted in
/// `skippedDocumentCount` instead of being kept as an empty vector.
public struct DocumentCorpus: Sendable {
    /// Word of each vocabulary id, most frequent first (ties in first-seen order).
    public let vocabulary: [String]
    /// Corpus count of each vocabulary id.
    public let wordCounts: [Int]
    /// Label names; `documentLabels` indexes them.
    public let labelNames: [String]
    /// Token ids of each kept document, in text order.
    public let documents: [[Int32]]
    public let documentLabels: [Int32]
    /// Documents dropped because none of their words is in the vocabulary.
    public let skippedDocumentCount: Int

    /// Tokenises `documents` and builds the vocabulary.
    /// - Parameter source: file or data set name used in error messages.
    /// - Throws: `BinaryCodesError.invalidCorpus` when there is no document, or no document
    ///   keeps a word at this minimum count.
    public init(documents input: [LabeledDocument], minimumCount: Int, source: String) throws {
        guard !input.isEmpty else {
            throw BinaryCodesError.invalidCorpus(path: source, reason: "no documents; give one `label<TAB>text` document per line")
        }
        let tokenised = input.map { Self.tokenise($0.text) }
        var counts: [String: Int] = [:]
        var firstSeen: [String: Int] = [:]
        for tokens in tokenised {
            for token in tokens {
                counts[token, default: 0] += 1
                if firstSeen[token] == nil { firstSeen[token] = firstSeen.count }
            }
        }
        let kept = counts.filter { $0.value >= max(1, minimumCount) }.keys.sorted {
            counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : firstSeen[$0]! < firstSeen[$1]!
        }
        var ids: [String: Int32] = [:]
        for (id, word) in kept.enumerated() { ids[word] = Int32(id) }

        var labelIds: [String: Int32] = [:]
        var labelNames: [String] = []
        var documents: [[Int32]] = []
        var labels: [Int32] = []
        var skipped = 0
        for (index, tokens) in tokenised.enumerated() {
            let known = tokens.compactMap { ids[$0] }
            guard !known.isEmpty else {
                skipped += 1
                continue
            }
            let label = input[index].label
            if labelIds[label] == nil {
                labelIds[label] = Int32(labelNames.count)
                labelNames.append(label)
            }
            documents.append(known)
            labels.append(labelIds[label]!)
        }
        guard !documents.isEmpty else {
            throw BinaryCodesError.invalidCorpus(
                path: source,
                reason: "none of the \(input.count) documents has a word seen at least \(minimumCount) times; lower --min-count or give more text")
        }
        self.vocabulary = kept
        self.wordCounts = kept.map { counts[$0]! }
        self.labelNames = labelNames
        self.documents = documents
        self.documentLabels = labels
        self.skippedDocumentCount = skipped
    }

    /// Lowercased runs of letters.
    public static func tokenise(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter {
                current.append(character)
            } else if !current.isEmpty {
                tokens.append(current)
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Total tokens over all kept documents.
    public var tokenCount: Int { documents.reduce(0) { $0 + $1.count } }
}
