import EmbeddingCompression

/// The `int2-rowwise` method: 2-bit codes per value with an fp16 scale and bias per row.
/// Footprint `n * (ceil(d * 2 / 8) + 4)` bytes.
public struct Int2RowwiseQuantizer: RowwiseQuantizationMethod {
    public static let identifier = "int2-rowwise"
    public static let bitWidth = 2

    public init() {}

    public var identifier: String { Self.identifier }
    public var summary: String { "2-bit row-wise asymmetric codes with an fp16 scale and bias per row (FBGEMM fused layout)" }
}
