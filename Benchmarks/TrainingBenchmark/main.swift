import CTR
import EmbeddingCompression
import Foundation

let env = ProcessInfo.processInfo.environment
let dataFolder = env["EMBCOMPRESS_DATA"] ?? ".data"
let log = try MovieLensReader.read(folder: dataFolder + "/movielens")
let dataset = try ClickDataset(log: log, seed: 42)
let lr = Float(env["LR"] ?? "0.001")!
let epochs = Int(env["EPOCHS"] ?? "10")!
let batchSize = Int(env["BATCH"] ?? "256")!
let scale = Float(env["SCALE"] ?? "0.01")!
let l2 = Float(env["L2"] ?? "0")!
for kind in [CTRModelKind.fm, .deepfm] {
    let optimizer = OptimizerConfiguration(kind: .adam, learningRate: lr, l2: l2)
    let embedding = FullEmbedding(rowCount: dataset.schema.totalRowCount, dimension: 16, optimizer: optimizer, initialScale: scale, seed: 1)
    let model = CTRModel(schema: dataset.schema, embedding: embedding, configuration: ModelConfiguration(kind: kind, optimizer: optimizer))
    let report = CTRTrainer.train(model, train: dataset.train, validation: dataset.validation,
                                  configuration: TrainingConfiguration(epochs: epochs, batchSize: batchSize, patience: 2)) { print($0) }
    let test = CTRTrainer.evaluate(model, on: dataset.test)
    print(kind, "test auc", test.auc, "logloss", test.logLoss, "best epoch", report.bestEpoch, "samples/s", Int(report.samplesPerSecond))
}
