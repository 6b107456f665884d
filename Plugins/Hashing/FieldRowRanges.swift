import EmbeddingCompression

/// The row ranges of the fields of a stacked feature table: field `f` covers the global rows
/// `boundaries[f] ..< boundaries[f + 1]`.
///
/// Tables that hash a field's local id (with the field as salt, or into the field's own table)
/// store these boundaries, so a global row can be served without the schema. They are counted
/// in the footprint as `byteCount` bytes (Int64 per boundary).
public struct FieldRowRanges: Sendable, Equatable {
    /// `fieldCount + 1` non-decreasing row numbers starting at 0.
    public let boundaries: [Int]

    /// Reads the ranges of `schema`.
    /// - Throws: `CompressionError.invalidParameter` when the schema has no fields or a field
    ///   does not start where the previous one ends.
    public init(schema: FeatureSchema, method: String) throws {
        guard !schema.fields.isEmpty else {
            throw CompressionError.invalidParameter(
                method: method, name: "schema", value: "0 fields", reason: "a feature table needs at least one field")
        }
        var boundaries = [0]
        for field in schema.fields {
            guard field.rowOffset == boundaries.last!, field.rowCount >= 1 else {
                throw CompressionError.invalidParameter(
                    method: method, name: "schema", value: field.name,
                    reason: "field starts at row \(field.rowOffset) with \(field.rowCount) rows; expected the fields stacked in order from row 0, each with at least one row")
            }
            boundaries.append(field.rowOffset + field.rowCount)
        }
        self.boundaries = boundaries
    }

    /// Rebuilds ranges from a `field-boundaries` section.
    /// - Throws: `HashingError.invalidSection` unless the values start at 0, increase and end at `rowCount`.
    public init(boundaries: [Int], rowCount: Int, method: String) throws {
        let increasing = zip(boundaries, boundaries.dropFirst()).allSatisfy { $0 < $1 }
        guard boundaries.count >= 2, boundaries.first == 0, boundaries.last == rowCount, increasing else {
            throw HashingError.invalidSection(
                method: method, section: "field-boundaries",
                reason: "contains \(boundaries.prefix(8)); expected increasing row numbers from 0 to \(rowCount)")
        }
        self.boundaries = boundaries
    }

    public var fieldCount: Int { boundaries.count - 1 }
    public var rowCount: Int { boundaries.last! }
    /// Serving bytes of the boundaries, stored as Int64.
    public var byteCount: Int { boundaries.count * 8 }

    /// Returns the row count of field `field`.
    public func rowCount(ofField field: Int) -> Int { boundaries[field + 1] - boundaries[field] }

    /// Returns the field that contains global row `row`.
    /// - Complexity: O(log fieldCount), a binary search over the boundaries.
    @inline(__always)
    public func field(ofRow row: Int) -> Int {
        var low = 0, high = fieldCount - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if boundaries[middle] <= row { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The section that stores the boundaries.
    public var section: ContainerSection {
        ContainerSection(name: "field-boundaries", elementType: .int64, values: boundaries.map { Int64($0) })
    }

    /// Reads the `field-boundaries` section of `contents`.
    public init(contents: ContainerContents) throws {
        let method = contents.metadata.methodIdentifier
        let values = try HashedSections.typedValues(in: contents, section: "field-boundaries", as: Int64.self, type: .int64)
        try self.init(boundaries: values.map { Int($0) }, rowCount: contents.metadata.rowCount, method: method)
    }
}
