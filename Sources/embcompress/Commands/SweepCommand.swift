import EmbeddingCompression
import Foundation

struct SweepCommand: Command {
    let name = "sweep"
    let summary = "run every method at every budget and measure quality against bytes"
    var help: String { tablesHelp + "\n" + ctrSweepHelp + "\n" + documentsSweepHelp }
    private let tablesHelp = """
        usage: embcompress sweep [--task tables|ctr|documents] [options]

        Runs each method at each memory budget and measures every result. Prints an aligned
        table on stdout, writes CSV, JSON and an SVG chart of quality against footprint into
        the output folder, and logs progress on stderr.

        --task tables (default) compresses trained tables with the post-training methods.
        With no --table it runs the main job on the real data in $EMBCOMPRESS_DATA or ./.data
        (fetch it with `make data`): GloVe 6B 50d (400,000 x 50, with WordSim353 and the
        analogy questions) and the MiniLM token table (30,522 x 384, with WordSim353).
        --task ctr trains CTR models with the training-time methods; --task documents
        measures binary document codes. Their options follow the tables task's.

        options for --task tables:
          --table FILE           table to compress: .npy, .safetensors, or GloVe/word2vec .txt;
                                 repeatable
          --tensor NAME          tensor to read from .safetensors files (default: the only
                                 2-D tensor)
          --vocabulary FILE      one word per table row; give it once per --table, in order
          --wordsim FILE         word pairs with human scores (WordSim353 .tsv) for tables
                                 with a vocabulary
          --analogies FILE       analogy questions (questions-words.txt) for tables with a
                                 vocabulary
          --analogy-vocabulary N candidate words of the analogy task: the first N rows
                                 (default 30000)
          --methods A,B          methods to run (default: every post-training method; see
                                 `embcompress methods`)
          --budgets B,B          budgets as fractions of the Float32 table (1/8, 0.125) or
                                 bytes (4096, 12MB) (default 1/2,1/4,1/8,1/16,1/32)
          --output DIR           folder for tables.csv, tables.json, tables.svg
                                 (default out/sweep)
          --codec none|lz4|zstd  lossless codec of the container files whose size is
                                 reported (default zstd)
          --seed N               seed for query rows and the methods (default 42)
          --queries N            query rows of the neighbours task (default 1000)
          --allow-non-finite     keep NaN and infinite values instead of rejecting the table

        Exit status: 0 when the sweep ran (rows that failed are reported with their status),
        1 when an input file is missing or invalid, 2 for a wrong command line.

        """

    func run(_ arguments: inout ParsedArguments) throws {
        let task = try arguments.value("task") ?? "tables"
        switch task {
        case "tables":
            let options = try TablesSweepOptions(&arguments, registry: builtinRegistry())
            try arguments.finish()
            try TablesSweep(options: options).run()
        case "ctr":
            try runCTRSweep(&arguments, registry: builtinRegistry())
        case "documents":
            try runDocumentsSweep(&arguments, registry: builtinRegistry())
        default:
            throw UsageError(description: "unknown --task '\(task)'; use tables, ctr or documents")
        }
    }
}
