import EmbeddingCompression
import Foundation

/// The options of `embcompress sweep --task tables`, validated.
struct TablesSweepOptions {
    /// Table files given with --table; empty means the main job on the default data.
    var tableFiles: [URL]
    var tensor: String?
    /// One vocabulary per table file, or none.
    var vocabularyFiles: [URL]
    var wordSimilarityFile: URL?
    var analogyFile: URL?
    var analogyVocabularyLimit: Int
    var compressors: [any TableCompressor]
    var budgets: [Budget]
    var outputFolder: URL
    var codec: ContainerCodec
    var seed: UInt64
    var queryCount: Int
    var allowNonFinite: Bool

    init(_ arguments: inout ParsedArguments, registry: MethodRegistry) throws {
        tableFiles = try arguments.values("table").map { URL(fileURLWithPath: $0) }
        tensor = try arguments.value("tensor")
        vocabularyFiles = try arguments.values("vocabulary").map { URL(fileURLWithPath: $0) }
        wordSimilarityFile = try arguments.value("wordsim").map { URL(fileURLWithPath: $0) }
        analogyFile = try arguments.value("analogies").map { URL(fileURLWithPath: $0) }
        if !vocabularyFiles.isEmpty && vocabularyFiles.count != tableFiles.count {
            throw UsageError(description: "--vocabulary is given \(vocabularyFiles.count) times for \(tableFiles.count) --table files; give one vocabulary per table, in the same order")
        }
        if tableFiles.isEmpty && (tensor != nil || !vocabularyFiles.isEmpty || wordSimilarityFile != nil || analogyFile != nil) {
            throw UsageError(description: "--tensor, --vocabulary, --wordsim and --analogies describe --table files; give --table too, or none of them for the main job")
        }

        analogyVocabularyLimit = try arguments.integer("analogy-vocabulary") ?? 30_000
        guard analogyVocabularyLimit > 0 else {
            throw UsageError(description: "--analogy-vocabulary must be a positive number of words, not \(analogyVocabularyLimit)")
        }
        compressors = try Self.selectCompressors(try arguments.values("methods"), registry: registry)

        let budgetTexts = try arguments.values("budgets")
        do {
            budgets = budgetTexts.isEmpty ? SweepConfiguration.defaultBudgets : try budgetTexts.map { try Budget(parsing: $0) }
        } catch let error as BudgetError {
            throw UsageError(description: "--budgets: \(error)")
        }

        outputFolder = URL(fileURLWithPath: try arguments.value("output") ?? "out/sweep")
        let codecName = try arguments.value("codec") ?? "zstd"
        guard let codec = ContainerCodec(rawValue: codecName) else {
            throw UsageError(description: "unknown --codec '\(codecName)'; use none, lz4 or zstd")
        }
        self.codec = codec

        let seedText = try arguments.value("seed") ?? "42"
        guard let seed = UInt64(seedText) else {
            throw UsageError(description: "--seed '\(seedText)' is not a non-negative integer")
        }
        self.seed = seed
        queryCount = try arguments.integer("queries") ?? 1_000
        guard queryCount > 0 else { throw UsageError(description: "--queries must be positive, not \(queryCount)") }
        allowNonFinite = try arguments.flag("allow-non-finite")
    }

    /// The registry's post-training methods named in `names`, in the order given, or all of
    /// them when `names` is empty.
    static func selectCompressors(_ names: [String], registry: MethodRegistry) throws -> [any TableCompressor] {
        let available = registry.compressors
        guard !names.isEmpty else { return available }
        return try names.map { name in
            if let compressor = available.first(where: { $0.identifier == name }) { return compressor }
            if registry.trainableMethods.contains(where: { $0.identifier == name }) {
                throw UsageError(description: "method '\(name)' is a training-time method; run it with 'embcompress sweep --task ctr'")
            }
            throw UsageError(description: "unknown method '\(name)' in --methods; post-training methods: \(available.map(\.identifier).joined(separator: ", "))")
        }
    }
}
