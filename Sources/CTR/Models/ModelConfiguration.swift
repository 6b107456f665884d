import EmbeddingCompression

/// Settings of a CTR model apart from its embedding layer.
public struct ModelConfiguration: Sendable {
    public var kind: CTRModelKind
    /// Widths of the MLP's hidden layers (DeepFM only); ReLU follows each.
    public var hiddenSizes: [Int]
    /// Optimizer of the first-order weights and the dense parameters (global bias, MLP).
    /// Its `l2` applies to the first-order weights only; dense parameters get no penalty.
    public var optimizer: OptimizerConfiguration
    /// Seed of the MLP's initial weights.
    public var seed: UInt64

    public init(kind: CTRModelKind = .fm, hiddenSizes: [Int] = [64, 32],
                optimizer: OptimizerConfiguration = OptimizerConfiguration(kind: .adam, learningRate: 1e-3),
                seed: UInt64 = 42) {
        self.kind = kind
        self.hiddenSizes = hiddenSizes
        self.optimizer = optimizer
        self.seed = seed
    }
}
