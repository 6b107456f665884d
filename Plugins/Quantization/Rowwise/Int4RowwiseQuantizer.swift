import EmbeddingCompression

/// The `int4-rowwise` method: 4-bit codes per value with an fp16 scale and bias per row.
/// Footprint `n * (ceil(d * 4 / 8) + 4)` bytes.
public struct Int4RowwiseQuantizer: RowwiseQuantizationMethod {
    public static let identifier = "int4-rowwise"
    public static let bitWidth = 4

    public init() {}

    public var identifier: String { Self.identifier }
    public var summary: String { "4-bit row-wise asymmetric codes with an fp16 scale and bias per row (FBGEMM fused layout)" }
}
