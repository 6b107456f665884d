import EmbeddingCompression

/// Registers the BinaryCodes family's methods and decoders.
public enum BinaryCodesPlugin {
    public static func register(into registry: inout MethodRegistry) {
        // TODO: register the BinaryCodes methods.
    }
}
