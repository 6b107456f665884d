/// Optimizer for embedding parameters, applied sparsely to the rows a batch touched.
public struct OptimizerConfiguration: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// Adam with moments kept per value and updated only for touched rows
        /// (the "lazy" variant of PyTorch's SparseAdam).
        case adam
        /// Adagrad with a per-value sum of squared gradients.
        case adagrad
    }

    public var kind: Kind
    public var learningRate: Float
    /// L2 penalty on the embedding values of touched rows, added to their gradient as `l2 * value`.
    public var l2: Float
    public var beta1: Float = 0.9
    public var beta2: Float = 0.999
    public var epsilon: Float = 1e-8

    public init(kind: Kind = .adam, learningRate: Float = 1e-3, l2: Float = 0) {
        self.kind = kind
        self.learningRate = learningRate
        self.l2 = l2
    }
}
