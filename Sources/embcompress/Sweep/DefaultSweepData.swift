import EmbeddingCompression
import Foundation

/// The real data of the main job, in the data folder that `make data` (scripts/fetch-data.sh) fills.
struct DefaultSweepData {
    let folder: URL

    /// `$EMBCOMPRESS_DATA` when set, otherwise `.data` under the current directory.
    static func folder() -> URL {
        if let path = ProcessInfo.processInfo.environment["EMBCOMPRESS_DATA"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".data")
    }

    var gloveTable: URL { folder.appendingPathComponent("glove/glove.6B.50d.npy") }
    var gloveVocabulary: URL { folder.appendingPathComponent("glove/glove.6B.50d.vocab.txt") }
    var miniLMModel: URL { folder.appendingPathComponent("minilm/model.safetensors") }
    var miniLMVocabulary: URL { folder.appendingPathComponent("minilm/vocab.txt") }
    var wordSimilarity: URL { folder.appendingPathComponent("wordsets/wordsim353.tsv") }
    var analogies: URL { folder.appendingPathComponent("wordsets/questions-words.txt") }
    /// The MiniLM token embedding tensor inside model.safetensors.
    static let miniLMTensor = "embeddings.word_embeddings.weight"

    /// - Throws: `SweepDataError.missing` listing every missing file.
    func checkPresent() throws {
        let files = [gloveTable, gloveVocabulary, miniLMModel, miniLMVocabulary, wordSimilarity, analogies]
        let missing = files.filter { !FileManager.default.fileExists(atPath: $0.path) }
        if !missing.isEmpty { throw SweepDataError.missing(folder: folder.path, files: missing.map(\.path)) }
    }

    /// Reads GloVe with its vocabulary, WordSim353 and the analogies, and the MiniLM token
    /// table with its vocabulary and WordSim353. MiniLM rows are not ordered by frequency,
    /// so it gets no analogy task, whose candidates are the first rows.
    func load(allowNonFinite: Bool) throws -> [SweepTable] {
        try checkPresent()
        let pairs = try WordSimilarityTask.readPairs(wordSimilarity)
        let questions = try AnalogyTask.readQuestions(analogies)
        let glove = try NpyFile.read(gloveTable, allowNonFinite: allowNonFinite)
        let miniLM = try SafetensorsFile.read(miniLMModel, tensor: Self.miniLMTensor, allowNonFinite: allowNonFinite)
        return [
            SweepTable(
                name: "glove-6b-50d", table: glove,
                vocabulary: try VocabularyFile.read(gloveVocabulary, expectedCount: glove.rowCount),
                wordSimilarityPairs: pairs, analogyQuestions: questions),
            SweepTable(
                name: "minilm-l6-tokens", table: miniLM,
                vocabulary: try VocabularyFile.read(miniLMVocabulary, expectedCount: miniLM.rowCount),
                wordSimilarityPairs: pairs),
        ]
    }
}

/// Errors about the default data of the main job.
enum SweepDataError: Error, CustomStringConvertible {
    case missing(folder: String, files: [String])

    var description: String {
        switch self {
        case .missing(let folder, let files):
            return "the main job's data is missing from \(folder): \(files.joined(separator: ", ")); run 'make data' (scripts/fetch-data.sh) to fetch it, set EMBCOMPRESS_DATA to the folder that holds it, or give tables with --table"
        }
    }
}
