// Trains the full-table FM and DeepFM on the MovieLens-100k split and prints test AUC and
// training samples per second. It also exports the split to SPLIT_FOLDER (default
// .build/ctr-split) so that peer_torch.py trains on the same samples; run.sh runs both.
//
// Usage: TrainingBenchmark [--split-folder PATH] [--epochs N] [--batch-size N]
//                          [--learning-rate X] [--dimension N] [--models fm,deepfm] [--seed N]
// The seed sets the split, the initial values and the shuffles (default 42).
import CTR
import EmbeddingCompression
import Foundation

func option(_ name: String, default value: String) -> String {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count else { return value }
    return arguments[index + 1]
}

/// Writes one line per sample: the label, then per field the global rows of its values,
/// comma-separated (empty when the sample has no value in that field).
func exportPart(_ clicks: EncodedClicks, fieldCount: Int, to path: String) throws {
    var text = ""
    text.reserveCapacity(clicks.count * 48)
    var fieldRows = [[Int32]](repeating: [], count: fieldCount)
    for sample in 0..<clicks.count {
        for field in 0..<fieldCount { fieldRows[field].removeAll(keepingCapacity: true) }
        for lookup in clicks.sampleOffsets[sample]..<clicks.sampleOffsets[sample + 1] {
            fieldRows[Int(clicks.lookupFields[lookup])].append(clicks.lookupRows[lookup])
        }
        text += clicks.labels[sample] > 0.5 ? "1" : "0"
        for rows in fieldRows {
            text += "\t" + rows.map(String.init).joined(separator: ",")
        }
        text += "\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

let dataFolder = ProcessInfo.processInfo.environment["EMBCOMPRESS_DATA"] ?? ".data"
let splitFolder = option("split-folder", default: ".build/ctr-split")
let epochs = Int(option("epochs", default: "10"))!
let batchSize = Int(option("batch-size", default: "256"))!
let learningRate = Float(option("learning-rate", default: "0.003"))!
let dimension = Int(option("dimension", default: "16"))!
let seed = UInt64(option("seed", default: "42"))!
let models = option("models", default: "fm,deepfm").split(separator: ",").map { CTRModelKind(rawValue: String($0))! }

let dataset = try ClickDataset(log: try MovieLensReader.read(folder: dataFolder + "/movielens"), seed: seed)
let fieldCount = dataset.schema.fields.count
try FileManager.default.createDirectory(atPath: splitFolder, withIntermediateDirectories: true)
try exportPart(dataset.train, fieldCount: fieldCount, to: splitFolder + "/train.tsv")
try exportPart(dataset.validation, fieldCount: fieldCount, to: splitFolder + "/validation.tsv")
try exportPart(dataset.test, fieldCount: fieldCount, to: splitFolder + "/test.tsv")
try "{\"field_count\": \(fieldCount), \"row_count\": \(dataset.schema.totalRowCount)}\n"
    .write(toFile: splitFolder + "/meta.json", atomically: true, encoding: .utf8)

for kind in models {
    let optimizer = OptimizerConfiguration(kind: .adam, learningRate: learningRate)
    let embedding = FullEmbedding(rowCount: dataset.schema.totalRowCount, dimension: dimension,
                                  optimizer: optimizer, initialScale: 0.01, seed: seed)
    let model = CTRModel(schema: dataset.schema, embedding: embedding,
                         configuration: ModelConfiguration(kind: kind, hiddenSizes: [64, 32], optimizer: optimizer, seed: seed))
    let report = CTRTrainer.train(model, train: dataset.train, validation: dataset.validation,
                                  configuration: TrainingConfiguration(epochs: epochs, batchSize: batchSize, patience: 2, seed: seed))
    let test = CTRTrainer.evaluate(model, on: dataset.test)
    print(String(format: "swift %@: test AUC %.4f, logloss %.4f, best epoch %d, %.0f samples/s",
                 kind.rawValue, test.auc, test.logLoss, report.bestEpoch, report.samplesPerSecond))
}
