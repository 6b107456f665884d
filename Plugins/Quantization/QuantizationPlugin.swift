import EmbeddingCompression

/// Registers the Quantization family's methods and decoders.
public enum QuantizationPlugin {
    public static func register(into registry: inout MethodRegistry) {
        // TODO: register the Quantization methods.
    }
}
