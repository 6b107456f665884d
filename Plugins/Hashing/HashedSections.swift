import EmbeddingCompression

/// Readers of the container sections and header parameters that the hashed tables share.
public enum HashedSections {
    /// Returns the values of section `name`, checked to be of element type `type`.
    /// - Throws: `ContainerError.missingSection` or `ContainerError.sectionTypeMismatch`.
    public static func typedValues<T: BitwiseCopyable>(
        in contents: ContainerContents, section name: String, as valueType: T.Type, type: SectionElementType
    ) throws -> [T] {
        let section = try contents.section(named: name)
        guard section.elementType == type else {
            throw ContainerError.sectionTypeMismatch(section: name, expected: type.description, found: section.elementType.description)
        }
        return try section.values(as: valueType)
    }

    /// Returns the Float32 rows of section `name`, which must contain `rows * dimension` values.
    /// - Throws: `HashingError.invalidSection` when the length differs.
    public static func floatTable(in contents: ContainerContents, section name: String, rows: Int, dimension: Int) throws -> [Float] {
        let values = try typedValues(in: contents, section: name, as: Float.self, type: .float32)
        guard values.count == rows * dimension else {
            throw HashingError.invalidSection(
                method: contents.metadata.methodIdentifier, section: name,
                reason: "contains \(values.count) values; expected \(rows) rows x \(dimension)")
        }
        return values
    }

    /// Returns the non-negative integer header parameter `name`.
    /// - Throws: `HashingError.invalidHeaderParameter` when it is missing or not such a number.
    public static func integerParameter(in contents: ContainerContents, _ name: String) throws -> Int {
        let text = contents.metadata.parameters[name]
        guard let text, let value = Int(text), value >= 0 else {
            throw HashingError.invalidHeaderParameter(method: contents.metadata.methodIdentifier, name: name, value: text)
        }
        return value
    }

    /// Returns the hash functions stored in the `hash-parameters` section, which must contain `count` of them.
    public static func hashes(in contents: ContainerContents, count: Int) throws -> [UniversalHash] {
        let values = try typedValues(in: contents, section: "hash-parameters", as: UInt64.self, type: .uint64)
        let hashes = try UniversalHash.unflatten(values, method: contents.metadata.methodIdentifier)
        guard hashes.count == count else {
            throw HashingError.invalidSection(
                method: contents.metadata.methodIdentifier, section: "hash-parameters",
                reason: "contains \(hashes.count) hash functions; expected \(count)")
        }
        return hashes
    }
}
