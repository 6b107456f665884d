/// How a CTR model is trained: epochs, minibatch size and early stopping.
public struct TrainingConfiguration: Sendable {
    /// Maximum passes over the training samples.
    public var epochs: Int
    /// Samples per optimizer step.
    public var batchSize: Int
    /// Epochs without a better validation AUC before training stops. The parameters of the
    /// best epoch are restored at the end either way.
    public var patience: Int
    /// Seed of the per-epoch shuffle of training samples.
    public var seed: UInt64

    public init(epochs: Int = 10, batchSize: Int = 256, patience: Int = 2, seed: UInt64 = 42) {
        precondition(epochs >= 1 && batchSize >= 1 && patience >= 1,
                     "TrainingConfiguration: epochs, batch size and patience must be at least 1")
        self.epochs = epochs
        self.batchSize = batchSize
        self.patience = patience
        self.seed = seed
    }
}
