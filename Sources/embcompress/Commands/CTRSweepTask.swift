import CTR
import EmbeddingCompression
import Foundation

/// Options of `embcompress sweep --task ctr`, for the sweep command's help text.
let ctrSweepHelp = """
    options for --task ctr:
      --model fm|deepfm       model on top of the embedding layer (default fm)
      --epochs N              maximum training epochs, with early stopping on validation AUC (default 10)
      --batch-size N          samples per optimizer step (default 256)
      --optimizer NAME        adam or adagrad, for every parameter; sparse for embeddings and
                              first-order weights (default adam)
      --learning-rate X       learning rate of every parameter (default 0.003)
      --l2 X                  L2 penalty on the embedding rows and first-order weights that a
                              batch touches (default 0)
      --dimension N           values per embedding row (default 16)
      --budgets LIST          comma-separated fractions of the Float32 table or bytes
                              (default 1/2,1/4,1/10,1/30,1/100)
      --methods LIST          comma-separated method identifiers (default: every registered method)
      --output FOLDER         where ctr.csv, ctr.json and ctr.svg go, and every trained or
                              compressed table as tables/<method>-<budget>.embc (default out/ctr)
      --seed N                seed of the split, initialisation and shuffles (default 42)
      --min-count N           training occurrences a value needs for its own row (default 1)
      --criteo FILE           train on a Criteo-style TSV click log instead of MovieLens-100k
      --libffm FILE           train on a libffm click log instead of MovieLens-100k
    With neither --criteo nor --libffm the task reads MovieLens-100k from
    $EMBCOMPRESS_DATA/movielens or ./.data/movielens (run scripts/fetch-data.sh movielens).

    """

/// Runs `embcompress sweep --task ctr`: options are read from `arguments`.
///
/// The click log is read and validated before anything is written, so a bad log exits with
/// status 1, names its file and line, and leaves no output files.
func runCTRSweep(_ arguments: inout ParsedArguments, registry: MethodRegistry) throws {
    let kindText = try arguments.value("model") ?? "fm"
    guard let kind = CTRModelKind(rawValue: kindText) else {
        throw UsageError(description: "option --model: '\(kindText)' is not a model; give fm or deepfm")
    }
    let epochs = try positiveInteger(&arguments, "epochs", default: 10)
    let batchSize = try positiveInteger(&arguments, "batch-size", default: 256)
    let dimension = try positiveInteger(&arguments, "dimension", default: 16)
    let minimumCount = try positiveInteger(&arguments, "min-count", default: 1)
    let learningRateText = try arguments.value("learning-rate") ?? "0.003"
    guard let learningRate = Float(learningRateText), learningRate > 0, learningRate.isFinite else {
        throw UsageError(description: "option --learning-rate: '\(learningRateText)' is not a positive number")
    }
    let optimizerText = try arguments.value("optimizer") ?? "adam"
    guard let optimizerKind = OptimizerConfiguration.Kind(rawValue: optimizerText) else {
        throw UsageError(description: "option --optimizer: '\(optimizerText)' is not an optimizer; give adam or adagrad")
    }
    let l2Text = try arguments.value("l2") ?? "0"
    guard let l2 = Float(l2Text), l2 >= 0, l2.isFinite else {
        throw UsageError(description: "option --l2: '\(l2Text)' is not a non-negative number")
    }
    let seedText = try arguments.value("seed") ?? "42"
    guard let seed = UInt64(seedText) else {
        throw UsageError(description: "option --seed: '\(seedText)' is not a non-negative integer")
    }
    let budgetTexts = try arguments.values("budgets")
    let budgets: [Budget]
    do {
        let parsed = budgetTexts.isEmpty ? CTRSweepConfiguration.defaultBudgets : try budgetTexts.map(Budget.init(parsing:))
        // A budget given twice would train the same layer twice and overwrite its container.
        var seen: Set<Budget> = []
        budgets = parsed.filter { seen.insert($0).inserted }
    } catch {
        throw UsageError(description: "option --budgets: \(error)")
    }
    let methods = try arguments.values("methods")
    let output = try arguments.value("output") ?? "out/ctr"
    let criteo = try arguments.value("criteo")
    let libffm = try arguments.value("libffm")
    try arguments.finish()
    if criteo != nil && libffm != nil {
        throw UsageError(description: "give --criteo or --libffm, not both")
    }
    // Unknown method names are a usage error, found before the click log is read.
    for method in methods {
        do {
            _ = try registry.method(named: method)
        } catch {
            throw UsageError(description: "option --methods: \(error)")
        }
    }

    let log: ClickLog
    if let criteo {
        log = try CriteoReader.read(path: criteo)
    } else if let libffm {
        log = try LibFFMReader.read(path: libffm)
    } else {
        let dataFolder = ProcessInfo.processInfo.environment["EMBCOMPRESS_DATA"] ?? ".data"
        log = try MovieLensReader.read(folder: dataFolder + "/movielens")
    }
    let dataset = try ClickDataset(log: log, minimumCount: minimumCount, seed: seed)
    Console.progress("\(dataset.name): \(dataset.train.count) training, \(dataset.validation.count) validation, "
                     + "\(dataset.test.count) test samples; \(dataset.schema.fields.count) fields, "
                     + "\(dataset.schema.totalRowCount) rows")

    let configuration = CTRSweepConfiguration(
        model: ModelConfiguration(kind: kind, optimizer: OptimizerConfiguration(kind: optimizerKind, learningRate: learningRate, l2: l2),
                                  seed: seed),
        training: TrainingConfiguration(epochs: epochs, batchSize: batchSize, seed: seed),
        dimension: dimension, budgets: budgets, methods: methods.isEmpty ? nil : methods, seed: seed,
        exportFolder: URL(fileURLWithPath: output).appendingPathComponent("tables"))
    let rows = try CTRSweep(dataset: dataset, registry: registry, configuration: configuration)
        .run(progress: Console.progress)

    let columns = ["table", "method", "parameters", "budget", "budget_bytes", "footprint_bytes", "ratio",
                   "file_bytes", "compress_seconds", "auc", "logloss", "status", "message"]
    Console.output(SweepOutput.alignedTable(rows: rows, columns: columns))
    let files = try SweepOutput.write(rows: rows, name: "ctr", folder: URL(fileURLWithPath: output),
                                      qualityColumns: ["auc", "logloss"])
    for file in files { Console.progress("wrote \(file.path)") }
}

private func positiveInteger(_ arguments: inout ParsedArguments, _ name: String, default value: Int) throws -> Int {
    guard let number = try arguments.integer(name) else { return value }
    guard number >= 1 else { throw UsageError(description: "option --\(name): give 1 or more, not \(number)") }
    return number
}
