import EmbeddingCompression
import Foundation

/// `embcompress sweep --task tables`: loads the tables, runs the sweep, prints and writes the results.
struct TablesSweep {
    let options: TablesSweepOptions

    /// Columns of the aligned table on stdout, shown when at least one row has a value.
    static let displayColumns = [
        "table", "method", "parameters", "budget", "footprint_bytes", "ratio", "file_bytes",
        "compress_seconds", "decode_rows_per_second", "relative_mse", "mean_cosine", "recall_at_10",
        "recall_at_10_reranked", "wordsim_spearman", "analogy_accuracy", "status",
    ]

    /// Quality columns plotted against footprint in the SVG chart.
    static let chartColumns = ["mean_cosine", "recall_at_10", "recall_at_10_reranked", "wordsim_spearman", "analogy_accuracy"]

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let log: @Sendable (String) -> Void = { message in
            Console.progress(String(format: "[%7.1f s] ", (ContinuousClock.now - start).seconds) + message)
        }
        if options.compressors.isEmpty {
            throw SweepCommandError.noMethods
        }
        log("loading tables")
        let tables = try loadTables()
        for table in tables {
            log("\(table.name): \(table.table.rowCount) x \(table.table.dimension), \(table.vocabulary == nil ? "no" : "with") vocabulary")
        }

        let configuration = SweepConfiguration(
            budgets: options.budgets, seed: options.seed, queryCount: options.queryCount,
            analogyVocabularyLimit: options.analogyVocabularyLimit, codec: options.codec)
        let runner = SweepRunner(compressors: options.compressors, configuration: configuration, progress: log)
        log("running \(options.compressors.map(\.identifier).joined(separator: ", ")) at \(options.budgets.map(\.description).joined(separator: ", "))")
        let result = runner.run(tables: tables)

        let columns = Self.displayColumns.filter { column in
            result.rows.contains { $0.cell(column) != .missing && $0.cell(column) != .text("") }
        }
        var text = SweepOutput.alignedTable(rows: result.rows, columns: columns)
        text += "\n" + result.notes.joined(separator: "\n") + "\n"
        let failed = result.rows.filter { $0.status != .ok }
        if !failed.isEmpty {
            text += "\nRows that are not ok:\n"
            for row in failed {
                text += "  \(row.table) \(row.method) at \(row.budgetLabel): \(row.status.rawValue): \(row.message)\n"
            }
        }
        let urls = try SweepOutput.write(
            rows: result.rows, name: "tables", folder: options.outputFolder, qualityColumns: Self.chartColumns)
        text += "\nWrote \(urls.map(\.path).joined(separator: ", "))\n"
        Console.output(text)
        log("done in \(String(format: "%.1f", (clock.now - start).seconds)) s")
        let brokenMethods = Set(failed.filter { $0.status == .overBudget || $0.status == .error }.map(\.method))
        if !brokenMethods.isEmpty {
            Console.progress("warning: \(brokenMethods.sorted().joined(separator: ", ")) produced over_budget or error rows; see the table above")
        }
    }

    /// The main job's tables when no --table is given, otherwise the given files.
    private func loadTables() throws -> [SweepTable] {
        guard !options.tableFiles.isEmpty else {
            return try DefaultSweepData(folder: DefaultSweepData.folder()).load(allowNonFinite: options.allowNonFinite)
        }
        let pairs = try options.wordSimilarityFile.map { try WordSimilarityTask.readPairs($0) }
        let questions = try options.analogyFile.map { try AnalogyTask.readQuestions($0) }
        var tables: [SweepTable] = []
        var usedNames: Set<String> = []
        for (position, file) in options.tableFiles.enumerated() {
            let loaded = try TableFile.read(file, tensor: options.tensor, allowNonFinite: options.allowNonFinite)
            var vocabulary = loaded.vocabulary
            if !options.vocabularyFiles.isEmpty {
                vocabulary = try VocabularyFile.read(options.vocabularyFiles[position], expectedCount: loaded.table.rowCount)
            }
            var name = file.deletingPathExtension().lastPathComponent
            if usedNames.contains(name) { name += "-\(position + 1)" }
            usedNames.insert(name)
            tables.append(SweepTable(
                name: name, table: loaded.table, vocabulary: vocabulary,
                wordSimilarityPairs: vocabulary == nil ? nil : pairs,
                analogyQuestions: vocabulary == nil ? nil : questions))
        }
        return tables
    }
}

/// Errors of the sweep command that are not about its command line.
enum SweepCommandError: Error, CustomStringConvertible {
    case noMethods

    var description: String {
        switch self {
        case .noMethods:
            return "no post-training method is registered; build embcompress with its plugin families (see 'embcompress methods')"
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
