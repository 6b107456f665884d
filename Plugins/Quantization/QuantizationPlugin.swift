import EmbeddingCompression

/// Registers the Quantization family: `fp16`, `int8-rowwise`, `int4-rowwise`, `int2-rowwise`
/// and `pq`, each with the decoder that rebuilds its table from container sections.
public enum QuantizationPlugin {
    public static func register(into registry: inout MethodRegistry) {
        registry.register(Float16Compressor(), decoder: { try Float16Table(contents: $0) })
        registry.register(Int8RowwiseQuantizer(), decoder: { try RowwiseQuantizedTable(contents: $0) })
        registry.register(Int4RowwiseQuantizer(), decoder: { try RowwiseQuantizedTable(contents: $0) })
        registry.register(Int2RowwiseQuantizer(), decoder: { try RowwiseQuantizedTable(contents: $0) })
        registry.register(ProductQuantizer(), decoder: { try ProductQuantizedTable(contents: $0) })
    }
}
