import EmbeddingCompression

/// Registers Unified Embedding with one chunk per field (`unified-embedding`) and with two
/// (`unified-embedding-2chunks`), and the decoders of their exported tables.
public enum UnifiedEmbeddingPlugin {
    public static func register(into registry: inout MethodRegistry) {
        registry.register(UnifiedEmbedding(chunks: 1), decoder: { try UnifiedEmbeddingTable(contents: $0) })
        registry.register(UnifiedEmbedding(chunks: 2), decoder: { try UnifiedEmbeddingTable(contents: $0) })
    }
}
