import Foundation

/// TF-IDF vectors of database documents in an inverted index, for cosine retrieval.
///
/// Weight of term `t` in document `d`: `tf(t, d) * log(N / df(t))` with raw term counts and
/// `N` database documents, then each vector is scaled to unit L2 norm. A query is weighted
/// with the database's `df`; terms absent from the database are ignored.
public struct TFIDFIndex: Sendable {
    public let documentCount: Int
    /// Inverse document frequency of each vocabulary id (0 for terms in no document).
    let inverseDocumentFrequency: [Float]
    /// Postings: document ids and weights of term `t` at `postingStarts[t]..<postingStarts[t + 1]`.
    let postingStarts: [Int]
    let postingDocuments: [Int32]
    let postingWeights: [Float]

    public init(documents: [[Int32]], vocabularySize: Int) {
        documentCount = documents.count
        var documentFrequency = [Int](repeating: 0, count: vocabularySize)
        let termCounts = documents.map(Self.termCounts)
        for counts in termCounts { for term in counts.keys { documentFrequency[Int(term)] += 1 } }
        let idf = documentFrequency.map { $0 > 0 ? Float(log(Double(documents.count) / Double($0))) : 0 }
        inverseDocumentFrequency = idf

        var starts = [Int](repeating: 0, count: vocabularySize + 1)
        for term in 0..<vocabularySize { starts[term + 1] = starts[term] + documentFrequency[term] }
        var fill = starts
        var postingDocuments = [Int32](repeating: 0, count: starts[vocabularySize])
        var postingWeights = [Float](repeating: 0, count: starts[vocabularySize])
        for (document, counts) in termCounts.enumerated() {
            let weights = Self.unitWeights(counts, idf: idf)
            for (term, weight) in weights.sorted(by: { $0.key < $1.key }) {
                postingDocuments[fill[Int(term)]] = Int32(document)
                postingWeights[fill[Int(term)]] = weight
                fill[Int(term)] += 1
            }
        }
        self.postingStarts = starts
        self.postingDocuments = postingDocuments
        self.postingWeights = postingWeights
    }

    /// Stored entries (one document id and one weight each).
    public var entryCount: Int { postingDocuments.count }
    /// Serving bytes: an Int32 document id and a Float32 weight per entry, the posting starts
    /// (Int64) and the Float32 idf per term.
    public var footprintBytes: Int { entryCount * 8 + postingStarts.count * 8 + inverseDocumentFrequency.count * 4 }

    /// Writes the cosine similarity of `query` (token ids) to every database document into `scores`.
    public func scores(query: [Int32], into scores: UnsafeMutableBufferPointer<Float>) {
        scores.initialize(repeating: 0)
        let weights = Self.unitWeights(Self.termCounts(query), idf: inverseDocumentFrequency)
        for (term, weight) in weights {
            let index = Int(term)
            guard index < inverseDocumentFrequency.count else { continue }
            for posting in postingStarts[index]..<postingStarts[index + 1] {
                scores[Int(postingDocuments[posting])] += weight * postingWeights[posting]
            }
        }
    }

    static func termCounts(_ tokens: [Int32]) -> [Int32: Int] {
        var counts: [Int32: Int] = [:]
        for token in tokens { counts[token, default: 0] += 1 }
        return counts
    }

    static func unitWeights(_ counts: [Int32: Int], idf: [Float]) -> [Int32: Float] {
        var weights: [Int32: Float] = [:]
        var squared: Float = 0
        for (term, count) in counts where Int(term) < idf.count && idf[Int(term)] > 0 {
            let weight = Float(count) * idf[Int(term)]
            weights[term] = weight
            squared += weight * weight
        }
        guard squared > 0 else { return [:] }
        let scale = 1 / squared.squareRoot()
        return weights.mapValues { $0 * scale }
    }
}
