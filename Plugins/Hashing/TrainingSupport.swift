import EmbeddingCompression

/// Checks the settings every training-time method in this family shares.
/// - Throws: `CompressionError.invalidParameter` naming the value.
public func validateEmbeddingSettings(method: String, dimension: Int, initialScale: Float) throws {
    guard dimension >= 1 else {
        throw CompressionError.invalidParameter(
            method: method, name: "dimension", value: String(dimension), reason: "must be at least 1")
    }
    guard initialScale.isFinite, initialScale >= 0 else {
        throw CompressionError.invalidParameter(
            method: method, name: "initial-scale", value: String(initialScale), reason: "must be a finite value >= 0")
    }
}

/// Rows of `rowBytes` bytes that fit in `budgetBytes` after `overheadBytes`; 0 when none fit.
public func rowsWithinBudget(_ budgetBytes: Int, overheadBytes: Int, rowBytes: Int) -> Int {
    max(0, budgetBytes - overheadBytes) / rowBytes
}

extension SparseParameterTable {
    /// A table initialised uniformly in `[-scale, scale]` from the next seed of `generator`,
    /// so the tables of one embedding get different but repeatable values.
    convenience init(
        rowCount: Int, dimension: Int, optimizer: OptimizerConfiguration, initialScale: Float,
        generator: inout SplitMix64
    ) {
        self.init(
            rowCount: rowCount, dimension: dimension, optimizer: optimizer,
            initialScale: initialScale, seed: generator.next())
    }
}
