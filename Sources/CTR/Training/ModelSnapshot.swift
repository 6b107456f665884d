/// A copy of every trainable value of a model, to restore the best epoch after early stopping.
/// Optimizer moments are not copied, so training does not continue from a restored snapshot
/// exactly as it went on from that epoch.
public struct ModelSnapshot: Sendable {
    let embeddingValues: [[Float]]
    let firstOrderValues: [Float]
    let denseParameters: [Float]
}

extension CTRModel {
    /// Copies the values of the embedding's parameter tables, the first-order weights and the
    /// dense parameters.
    public func snapshot() -> ModelSnapshot {
        ModelSnapshot(embeddingValues: embedding.parameterTables.map(\.values),
                      firstOrderValues: firstOrder.values, denseParameters: denseParameters)
    }

    /// Writes the values of `snapshot` back.
    /// - Precondition: the snapshot was taken from this model with the same embedding layer.
    public func restore(_ snapshot: ModelSnapshot) {
        let tables = embedding.parameterTables
        precondition(tables.count == snapshot.embeddingValues.count, "restore: snapshot of another embedding layer")
        for (table, values) in zip(tables, snapshot.embeddingValues) { table.values = values }
        firstOrder.values = snapshot.firstOrderValues
        denseParameters = snapshot.denseParameters
    }
}
