import CKernels
import EmbeddingCompression
import Foundation

/// The documents task: label-based retrieval of held-out query documents against the rest.
///
/// A seeded fraction of the documents become queries and the remainder the database. Paragraph
/// vector models train on the database only; query vectors are inferred with the word side
/// frozen, as for any unseen document. Methods: Binary PV-DBOW at each code length (Hamming
/// ranking), real-valued PV-DBOW at the largest code length (cosine ranking) and TF-IDF cosine.
public struct DocumentRetrievalExperiment: Sendable {
    public var codeLengths: [Int]
    public var epochs: Int
    public var inferenceEpochs: Int
    public var negativeSamples: Int
    public var learningRate: Float
    public var queryFraction: Double
    public var seed: UInt64
    public var threadCount: Int

    public init(codeLengths: [Int] = [32, 64, 128], epochs: Int = 10, inferenceEpochs: Int = 20,
                negativeSamples: Int = 5, learningRate: Float = 0.025, queryFraction: Double = 0.1,
                seed: UInt64 = 42, threadCount: Int = 2) {
        self.codeLengths = codeLengths
        self.epochs = epochs
        self.inferenceEpochs = inferenceEpochs
        self.negativeSamples = negativeSamples
        self.learningRate = learningRate
        self.queryFraction = queryFraction
        self.seed = seed
        self.threadCount = threadCount
    }

    /// Dimension of the real-valued PV-DBOW baseline: the largest code length.
    public var baselineDimension: Int { codeLengths.max() ?? 0 }

    /// Splits `count` documents into seeded query and database index lists, each ascending.
    /// At least one document lands on each side when `count >= 2`.
    public static func split(count: Int, queryFraction: Double, seed: UInt64) -> (queries: [Int], database: [Int]) {
        var generator = SplitMix64(seed: seed)
        var order = Array(0..<count)
        for index in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(index, Int(generator.next() % UInt64(index + 1)))
        }
        let queryCount = min(max(1, Int((Double(count) * queryFraction).rounded())), count - 1)
        return (order[0..<max(queryCount, 0)].sorted(), order[max(queryCount, 0)...].sorted())
    }

    /// Runs every method and returns one result row each.
    /// - Parameters:
    ///   - tableName: the `table` column of the rows, for example `wordnet-glosses`.
    ///   - progress: receives one line per finished stage, for stderr.
    /// - Throws: `BinaryCodesError.invalidCorpus` when the corpus has fewer than two documents,
    ///   `CompressionError.invalidParameter` for an invalid setting.
    public func run(corpus: DocumentCorpus, tableName: String, progress: @escaping (String) -> Void) throws -> [SweepRow] {
        guard corpus.documents.count >= 2 else {
            throw BinaryCodesError.invalidCorpus(path: tableName, reason: "needs at least 2 documents with known words to split into queries and database")
        }
        for bits in codeLengths where bits < 1 {
            throw CompressionError.invalidParameter(method: "binary-paragraph-vector", name: "bits", value: String(bits), reason: "must be positive")
        }
        let (queryIndices, databaseIndices) = Self.split(count: corpus.documents.count, queryFraction: queryFraction, seed: seed)
        let queryDocuments = queryIndices.map { corpus.documents[$0] }
        let databaseDocuments = databaseIndices.map { corpus.documents[$0] }
        let queryLabels = queryIndices.map { corpus.documentLabels[$0] }
        let databaseLabels = databaseIndices.map { corpus.documentLabels[$0] }
        progress("documents: \(databaseDocuments.count) database, \(queryDocuments.count) queries, "
                 + "\(corpus.vocabulary.count) words, \(corpus.labelNames.count) labels, \(corpus.skippedDocumentCount) skipped")

        let floatBytes = databaseDocuments.count * baselineDimension * 4
        var rows: [SweepRow] = []
        for bits in codeLengths.sorted() {
            let started = Date()
            let model = try trainModel(databaseDocuments, wordCounts: corpus.wordCounts, dimension: bits, binary: true, progress: progress)
            let database = ParagraphVectorModel.codes(fromParameters: model.documentParameters, dimension: bits)
            let queries = ParagraphVectorModel.codes(
                fromParameters: model.inferParameters(documents: queryDocuments, threadCount: threadCount), dimension: bits)
            let seconds = Date().timeIntervalSince(started)
            let scores = Self.hammingScores(queries: queries, database: database, queryLabels: queryLabels,
                                            databaseLabels: databaseLabels, threadCount: threadCount)
            var row = makeRow(tableName, method: "binary-paragraph-vector", parameters: "bits=\(bits);\(trainingParameters)",
                              footprint: database.byteCount, floatBytes: floatBytes, seconds: seconds, scores: scores)
            // NOTE: codes are stored in whole 64-bit words, so a 32-bit code occupies 64 bits.
            // The label is the stored size as a fraction of the Float32 vector, which keeps it
            // consistent with footprint_bytes and ratio; `bits` in the parameters is the code length.
            let storedBitsPerDocument = database.byteCount * 8 / max(databaseDocuments.count, 1)
            row.budgetLabel = Self.fractionLabel(numerator: storedBitsPerDocument, denominator: 32 * baselineDimension)
            rows.append(row)
            progress("binary-paragraph-vector \(bits) bits: precision@100 \(format(scores.precisionAt100)), \(format(seconds)) s")
        }

        let started = Date()
        let dimension = baselineDimension
        let model = try trainModel(databaseDocuments, wordCounts: corpus.wordCounts, dimension: dimension, binary: false, progress: progress)
        let database = Self.normalisedRows(model.documentParameters, dimension: dimension)
        let queries = Self.normalisedRows(model.inferParameters(documents: queryDocuments, threadCount: threadCount), dimension: dimension)
        let seconds = Date().timeIntervalSince(started)
        let realScores = Self.cosineScores(queries: queries, database: database, dimension: dimension, queryLabels: queryLabels,
                                           databaseLabels: databaseLabels, threadCount: threadCount)
        var realRow = makeRow(tableName, method: "paragraph-vector", parameters: "dimension=\(dimension);\(trainingParameters)",
                              footprint: floatBytes, floatBytes: floatBytes, seconds: seconds, scores: realScores)
        realRow.budgetLabel = "1"
        rows.append(realRow)
        progress("paragraph-vector \(dimension)-d: precision@100 \(format(realScores.precisionAt100)), \(format(seconds)) s")

        let tfidfStarted = Date()
        let index = TFIDFIndex(documents: databaseDocuments, vocabularySize: corpus.vocabulary.count)
        let tfidfSeconds = Date().timeIntervalSince(tfidfStarted)
        let tfidfScores = RetrievalMetrics.evaluate(queryLabels: queryLabels, databaseLabels: databaseLabels, threadCount: threadCount) { query, keys in
            var similarities = [Float](repeating: 0, count: keys.count)
            similarities.withUnsafeMutableBufferPointer { index.scores(query: queryDocuments[query], into: $0) }
            for position in 0..<keys.count { keys[position] = RetrievalMetrics.key(descendingScore: similarities[position]) }
        }
        var tfidfRow = makeRow(tableName, method: "tf-idf", parameters: "vocabulary=\(corpus.vocabulary.count)",
                               footprint: index.footprintBytes, floatBytes: floatBytes, seconds: tfidfSeconds, scores: tfidfScores)
        tfidfRow.budgetLabel = "sparse"
        rows.append(tfidfRow)
        progress("tf-idf: precision@100 \(format(tfidfScores.precisionAt100))")
        return rows
    }

    private var trainingParameters: String {
        "epochs=\(epochs);inference-epochs=\(inferenceEpochs);negative-samples=\(negativeSamples);seed=\(seed)"
    }

    private func trainModel(_ documents: [[Int32]], wordCounts: [Int], dimension: Int, binary: Bool,
                            progress: @escaping (String) -> Void) throws -> ParagraphVectorModel {
        let configuration = ParagraphVectorConfiguration(
            dimension: dimension, binary: binary, epochs: epochs, negativeSamples: negativeSamples,
            learningRate: learningRate, inferenceEpochs: inferenceEpochs, shardCount: max(1, threadCount), seed: seed)
        let name = binary ? "binary-paragraph-vector \(dimension) bits" : "paragraph-vector \(dimension)-d"
        return try ParagraphVectorModel(documents: documents, wordCounts: wordCounts, configuration: configuration) { epoch in
            progress("\(name): epoch \(epoch) of \(epochs)")
        }
    }

    private func makeRow(_ table: String, method: String, parameters: String, footprint: Int, floatBytes: Int,
                         seconds: Double, scores: RetrievalScores) -> SweepRow {
        var row = SweepRow(table: table, method: method, parameters: parameters, budgetLabel: "", budgetBytes: footprint)
        row.footprintBytes = footprint
        row.ratio = Double(floatBytes) / Double(max(footprint, 1))
        row.compressSeconds = seconds
        row.precisionAt10 = scores.precisionAt10
        row.precisionAt100 = scores.precisionAt100
        row.meanAveragePrecision = scores.meanAveragePrecision
        return row
    }

    private func format(_ value: Double) -> String { String(format: "%.3f", value) }

    static func fractionLabel(numerator: Int, denominator: Int) -> String {
        var a = numerator, b = denominator
        while b != 0 { (a, b) = (b, a % b) }
        return "\(numerator / a)/\(denominator / a)"
    }

    static func hammingScores(queries: PackedBinaryCodes, database: PackedBinaryCodes, queryLabels: [Int32],
                              databaseLabels: [Int32], threadCount: Int) -> RetrievalScores {
        let words = database.wordsPerRow
        return RetrievalMetrics.evaluate(queryLabels: queryLabels, databaseLabels: databaseLabels, threadCount: threadCount) { query, keys in
            var distances = [Int32](repeating: 0, count: keys.count)
            queries.words.withUnsafeBufferPointer { queryWords in
                database.words.withUnsafeBufferPointer { codeWords in
                    distances.withUnsafeMutableBufferPointer {
                        ck_hamming_distances(queryWords.baseAddress! + query * words, codeWords.baseAddress, keys.count, words, $0.baseAddress)
                    }
                }
            }
            for position in 0..<keys.count { keys[position] = UInt32(distances[position]) }
        }
    }

    static func cosineScores(queries: [Float], database: [Float], dimension: Int, queryLabels: [Int32],
                             databaseLabels: [Int32], threadCount: Int) -> RetrievalScores {
        RetrievalMetrics.evaluate(queryLabels: queryLabels, databaseLabels: databaseLabels, threadCount: threadCount) { query, keys in
            queries.withUnsafeBufferPointer { queryBuffer in
                database.withUnsafeBufferPointer { databaseBuffer in
                    let queryVector = queryBuffer.baseAddress! + query * dimension
                    for row in 0..<keys.count {
                        let similarity = VectorKernels.dot(queryVector, databaseBuffer.baseAddress! + row * dimension, count: dimension)
                        keys[row] = RetrievalMetrics.key(descendingScore: similarity)
                    }
                }
            }
        }
    }

    /// Rows scaled to unit L2 norm so that a dot product is the cosine similarity.
    static func normalisedRows(_ values: [Float], dimension: Int) -> [Float] {
        var result = values
        for row in 0..<(values.count / dimension) {
            var squared: Float = 0
            for column in 0..<dimension { squared += values[row * dimension + column] * values[row * dimension + column] }
            let scale = squared > 0 ? 1 / squared.squareRoot() : 0
            for column in 0..<dimension { result[row * dimension + column] *= scale }
        }
        return result
    }
}
