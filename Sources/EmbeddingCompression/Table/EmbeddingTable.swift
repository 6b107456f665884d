import Foundation

/// An embedding table: `rowCount x dimension` Float32 values in row-major order.
///
/// The values live in one contiguous buffer that is either owned by the table or a read-only
/// memory map of a file, so a table of any size is read without copying when the file layout
/// allows it. Copies of an `EmbeddingTable` share the buffer; the table is immutable.
public struct EmbeddingTable: Sendable {
    /// Number of rows (one per categorical value, token, word or document).
    public let rowCount: Int
    /// Number of Float32 values per row.
    public let dimension: Int
    let storage: TableStorage

    /// Creates a table that owns a copy of `values` (row-major, `rowCount * dimension` values).
    ///
    /// - Throws: `TableError.shapeMismatch` when the value count is not `rowCount * dimension`,
    ///   `TableError.emptyShape` when either side is zero.
    public init(rowCount: Int, dimension: Int, values: [Float]) throws {
        try Self.validateShape(rowCount: rowCount, dimension: dimension)
        guard values.count == rowCount * dimension else {
            throw TableError.shapeMismatch(
                rowCount: rowCount, dimension: dimension, valueCount: values.count)
        }
        self.rowCount = rowCount
        self.dimension = dimension
        self.storage = TableStorage(copying: values)
    }

    /// Creates a table of `rowCount x dimension` values filled by `body`, which receives the
    /// uninitialized buffer and must write every element.
    public init(
        rowCount: Int, dimension: Int,
        initializingWith body: (UnsafeMutableBufferPointer<Float>) throws -> Void
    ) throws {
        try Self.validateShape(rowCount: rowCount, dimension: dimension)
        let storage = TableStorage(allocating: rowCount * dimension)
        try body(storage.mutableBuffer)
        self.rowCount = rowCount
        self.dimension = dimension
        self.storage = storage
    }

    /// Wraps storage prepared by a reader (owned or memory-mapped).
    init(rowCount: Int, dimension: Int, storage: TableStorage) {
        self.rowCount = rowCount
        self.dimension = dimension
        self.storage = storage
    }

    static func validateShape(rowCount: Int, dimension: Int) throws {
        guard rowCount > 0, dimension > 0 else {
            throw TableError.emptyShape(rowCount: rowCount, dimension: dimension)
        }
        let (_, overflow) = rowCount.multipliedReportingOverflow(by: dimension * 4)
        guard !overflow else {
            throw TableError.emptyShape(rowCount: rowCount, dimension: dimension)
        }
    }

    /// Bytes of the table stored as Float32: the reference that budgets as fractions refer to.
    public var float32Bytes: Int { rowCount * dimension * MemoryLayout<Float>.size }

    /// Whether the values are a memory map of a file rather than an owned buffer.
    public var isMemoryMapped: Bool { storage.isMemoryMapped }

    /// Calls `body` with all values, row-major. The pointer is valid only inside `body`.
    public func withUnsafeBufferPointer<R>(
        _ body: (UnsafeBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try withExtendedLifetime(storage) { try body(storage.buffer) }
    }

    /// Copies row `index` into a new array.
    /// - Precondition: `0 <= index < rowCount`.
    public func row(_ index: Int) -> [Float] {
        precondition(index >= 0 && index < rowCount, "row \(index) is outside 0..<\(rowCount)")
        return withUnsafeBufferPointer { values in
            Array(values[(index * dimension)..<((index + 1) * dimension)])
        }
    }

    /// All values as a new array (row-major). Copies `float32Bytes` bytes.
    public func values() -> [Float] { withUnsafeBufferPointer { Array($0) } }

    /// Finds the first value that is NaN or infinite.
    /// - Returns: the row and column of that value, or nil when every value is finite.
    /// - Complexity: O(rowCount * dimension).
    public func firstNonFiniteValue() -> (row: Int, column: Int, value: Float)? {
        withUnsafeBufferPointer { values in
            // First a branch-free pass that vectorizes: adding one to the exponent field
            // carries into the sign bit exactly when the exponent is all ones (NaN or infinity).
            let anyNonFinite = values.withMemoryRebound(to: UInt32.self) { bits in
                var carry: UInt32 = 0
                for word in bits { carry |= (word & 0x7F80_0000) &+ 0x0080_0000 }
                return carry & 0x8000_0000 != 0
            }
            guard anyNonFinite else { return nil }
            for index in values.indices where !values[index].isFinite {
                return (index / dimension, index % dimension, values[index])
            }
            return nil
        }
    }
}
