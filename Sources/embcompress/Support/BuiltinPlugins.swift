import BinaryCodes
import EmbeddingCompression
import Hashing
import Quantization
import UnifiedEmbedding

/// The registry with every built-in plugin family registered.
func builtinRegistry() -> MethodRegistry {
    var registry = MethodRegistry()
    QuantizationPlugin.register(into: &registry)
    HashingPlugin.register(into: &registry)
    UnifiedEmbeddingPlugin.register(into: &registry)
    BinaryCodesPlugin.register(into: &registry)
    // Uncompressed tables: the full-table CTR baseline exports one, and users may store one.
    registry.registerDecoder(methodIdentifier: Float32Table.identifier) { try Float32Table(contents: $0) }
    return registry
}
