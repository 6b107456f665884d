import EmbeddingCompression

/// Registers the UnifiedEmbedding family's methods and decoders.
public enum UnifiedEmbeddingPlugin {
    public static func register(into registry: inout MethodRegistry) {
        // TODO: register the UnifiedEmbedding methods.
    }
}
