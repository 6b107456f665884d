/// Errors raised by the Quantization methods for values they cannot represent.
public enum QuantizationError: Error, Equatable, CustomStringConvertible {
    /// A table value is NaN or infinite.
    case nonFiniteValue(method: String, row: Int, column: Int, value: Float)
    /// A value, or a row's fp16 scale or bias, is beyond fp16's largest finite magnitude (65,504).
    case outsideHalfRange(method: String, row: Int, column: Int, value: Float)

    public var description: String {
        switch self {
        case .nonFiniteValue(let method, let row, let column, let value):
            return "\(method): row \(row), column \(column) is \(value), which this method cannot store; replace non-finite values, or use fp16, which keeps them"
        case .outsideHalfRange(let method, let row, let column, let value):
            return "\(method): row \(row), column \(column) is \(value), which needs an fp16 value beyond 65504; rescale the table or use pq, whose codebooks are Float32"
        }
    }
}
