import EmbeddingCompression

/// Registers the BinaryCodes family: the binarizers `sign-rotation`, `itq` and
/// `residual-binarization` with the decoders of their containers.
public enum BinaryCodesPlugin {
    public static func register(into registry: inout MethodRegistry) {
        registry.register(SignRotationCompressor(), decoder: { try BinaryProjectionTable(contents: $0) })
        registry.register(ITQCompressor(), decoder: { try BinaryProjectionTable(contents: $0) })
        registry.register(ResidualBinarizationCompressor(), decoder: { try ResidualBinaryTable(contents: $0) })
    }
}
