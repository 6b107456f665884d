import EmbeddingCompression

/// Registers the Hashing family's training-time methods and the decoders of their exported tables.
public enum HashingPlugin {
    public static func register(into registry: inout MethodRegistry) {
        registry.register(HashingTrick(), decoder: { try HashedTable(contents: $0) })
        registry.register(DoubleHashing(), decoder: { try DoubleHashedTable(contents: $0) })
        registry.register(FrequencyDoubleHashing(), decoder: { try FrequencyDoubleHashedTable(contents: $0) })
        registry.register(QuotientRemainder(), decoder: { try QuotientRemainderTable(contents: $0) })
        registry.register(PerFieldHashing(), decoder: { try PerFieldHashedTable(contents: $0) })
    }
}
