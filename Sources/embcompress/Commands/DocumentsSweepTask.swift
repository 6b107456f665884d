import BinaryCodes
import EmbeddingCompression
import Foundation

/// Help for `embcompress sweep --task documents`.
let documentsSweepHelp = """
    options for --task documents:
      --corpus FILE          one document per line, `label<TAB>text`, UTF-8 (default: the
                             WordNet 3.0 glosses in /usr/share/wordnet, labelled by their
                             45 lexicographer categories)
      --bits B,B             Binary PV-DBOW code lengths in bits (default 32,64,128); the
                             real-valued PV-DBOW baseline uses the largest as its dimension
      --epochs N             training passes over the database documents (default 10)
      --inference-epochs N   passes over each query document when inferring its code (default 20)
      --min-count N          drop words seen fewer than N times (default 5)
      --threads N            threads and training shards (default: active cores)
      --output DIR           folder for documents.csv, documents.json, documents.svg
                             (default out/documents)
      --seed N               seed of the query split and the models (default 42)

    """

/// Runs `embcompress sweep --task documents`: options are read from `arguments`.
func runDocumentsSweep(_ arguments: inout ParsedArguments, registry: MethodRegistry) throws {
    let corpusPath = try arguments.value("corpus")
    let bitsValues = try arguments.values("bits")
    let epochs = try arguments.integer("epochs") ?? 10
    let inferenceEpochs = try arguments.integer("inference-epochs") ?? 20
    let minimumCount = try arguments.integer("min-count") ?? 5
    let threads = try arguments.integer("threads") ?? CompressionContext().threadCount
    let output = try arguments.value("output") ?? "out/documents"
    let seedText = try arguments.value("seed")
    try arguments.finish()

    var codeLengths: [Int] = []
    for text in bitsValues.isEmpty ? ["32", "64", "128"] : bitsValues {
        guard let bits = Int(text), bits >= 1, bits <= 4_096 else {
            throw UsageError(description: "option --bits: '\(text)' is not a code length between 1 and 4096")
        }
        codeLengths.append(bits)
    }
    guard epochs >= 1 else { throw UsageError(description: "option --epochs: '\(epochs)' must be at least 1") }
    guard inferenceEpochs >= 1 else { throw UsageError(description: "option --inference-epochs: '\(inferenceEpochs)' must be at least 1") }
    guard minimumCount >= 1 else { throw UsageError(description: "option --min-count: '\(minimumCount)' must be at least 1") }
    guard threads >= 1 else { throw UsageError(description: "option --threads: '\(threads)' must be at least 1") }
    var seed: UInt64 = 42
    if let seedText {
        guard let value = UInt64(seedText) else { throw UsageError(description: "option --seed: '\(seedText)' is not a non-negative integer") }
        seed = value
    }

    let documents: [LabeledDocument]
    let tableName: String
    if let corpusPath {
        documents = try CorpusFileReader.read(path: corpusPath)
        tableName = URL(fileURLWithPath: corpusPath).deletingPathExtension().lastPathComponent
    } else {
        documents = try WordNetGlossReader.read()
        tableName = "wordnet-glosses"
    }
    let corpus = try DocumentCorpus(documents: documents, minimumCount: minimumCount, source: corpusPath ?? "WordNet glosses")
    if corpus.skippedDocumentCount > 0 {
        Console.progress("skipped \(corpus.skippedDocumentCount) of \(documents.count) documents with no word seen at least \(minimumCount) times")
    }

    let experiment = DocumentRetrievalExperiment(
        codeLengths: codeLengths, epochs: epochs, inferenceEpochs: inferenceEpochs, seed: seed, threadCount: threads)
    let rows = try experiment.run(corpus: corpus, tableName: tableName) { Console.progress($0) }

    let columns = ["table", "method", "parameters", "budget", "footprint_bytes", "ratio", "compress_seconds",
                   "precision_at_10", "precision_at_100", "map", "status"]
    Console.output(SweepOutput.alignedTable(rows: rows, columns: columns))
    let files = try SweepOutput.write(rows: rows, name: "documents", folder: URL(fileURLWithPath: output),
                                      qualityColumns: ["precision_at_100", "map"])
    for file in files { Console.progress("wrote \(file.path)") }
}
