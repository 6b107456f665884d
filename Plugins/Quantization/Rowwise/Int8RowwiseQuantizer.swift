import EmbeddingCompression

/// The `int8-rowwise` method: 8-bit codes per value with an fp16 scale and bias per row.
/// Footprint `n * (d + 4)` bytes.
public struct Int8RowwiseQuantizer: RowwiseQuantizationMethod {
    public static let identifier = "int8-rowwise"
    public static let bitWidth = 8

    public init() {}

    public var identifier: String { Self.identifier }
    public var summary: String { "8-bit row-wise asymmetric codes with an fp16 scale and bias per row (FBGEMM fused layout)" }
}
