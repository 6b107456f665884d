import EmbeddingCompression

/// Registers the Hashing family's methods and decoders.
public enum HashingPlugin {
    public static func register(into registry: inout MethodRegistry) {
        // TODO: register the Hashing methods.
    }
}
