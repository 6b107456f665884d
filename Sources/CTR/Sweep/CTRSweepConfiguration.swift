import EmbeddingCompression
import Foundation

/// Settings of a ctr sweep: the model and its training, the embedding dimension, the budgets
/// and which methods run.
public struct CTRSweepConfiguration: Sendable {
    /// Model kind, MLP widths and the optimizer of every parameter.
    public var model: ModelConfiguration
    public var training: TrainingConfiguration
    /// Values per embedding row.
    public var dimension: Int
    /// Budgets as fractions of (or bytes out of) the full table's Float32 bytes.
    public var budgets: [Budget]
    /// Identifiers of the methods to run; nil runs every registered method.
    public var methods: [String]?
    /// Seed of embedding initialisation and of compressors.
    public var seed: UInt64
    /// Initial embedding values are uniform in `[-initialScale, initialScale]`.
    public var initialScale: Float
    /// Folder that receives every trained or compressed embedding table as a zstd container
    /// with the field schema in its header, or nil to write none. Files are named
    /// `<method>-<budget>.embc`, with `/` in the budget replaced by `-`.
    public var exportFolder: URL?

    /// The default budgets: 1/2, 1/4, 1/10, 1/30 and 1/100 of the full table.
    public static let defaultBudgets: [Budget] = [.fraction(1.0 / 2), .fraction(1.0 / 4), .fraction(1.0 / 10),
                                                   .fraction(1.0 / 30), .fraction(1.0 / 100)]

    public init(model: ModelConfiguration = ModelConfiguration(
                    optimizer: OptimizerConfiguration(kind: .adam, learningRate: 3e-3)),
                training: TrainingConfiguration = TrainingConfiguration(),
                dimension: Int = 16, budgets: [Budget] = CTRSweepConfiguration.defaultBudgets,
                methods: [String]? = nil, seed: UInt64 = 42, initialScale: Float = 0.01, exportFolder: URL? = nil) {
        self.model = model
        self.training = training
        self.dimension = dimension
        self.budgets = budgets
        self.methods = methods
        self.seed = seed
        self.initialScale = initialScale
        self.exportFolder = exportFolder
    }
}
