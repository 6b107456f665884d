import EmbeddingCompression

extension ContainerContents {
    /// Returns the values of section `name`, checked to be of element type `type`.
    /// - Throws: `ContainerError.missingSection` or `ContainerError.sectionTypeMismatch`.
    public func typedValues<T: BitwiseCopyable>(
        section name: String, as valueType: T.Type, type: SectionElementType
    ) throws -> [T] {
        let section = try section(named: name)
        guard section.elementType == type else {
            throw ContainerError.sectionTypeMismatch(section: name, expected: type.description, found: section.elementType.description)
        }
        return try section.values(as: valueType)
    }

    /// Returns the Float32 rows of section `name`, which must hold `rows * dimension` values.
    /// - Throws: `HashingError.invalidSection` when the length differs.
    public func floatTable(section name: String, rows: Int, dimension: Int) throws -> [Float] {
        let values = try typedValues(section: name, as: Float.self, type: .float32)
        guard values.count == rows * dimension else {
            throw HashingError.invalidSection(
                method: metadata.methodIdentifier, section: name,
                reason: "holds \(values.count) values; expected \(rows) rows x \(dimension)")
        }
        return values
    }

    /// Returns the non-negative integer header parameter `name`.
    /// - Throws: `HashingError.invalidHeaderParameter` when it is missing or not such a number.
    public func integerParameter(_ name: String) throws -> Int {
        let text = metadata.parameters[name]
        guard let text, let value = Int(text), value >= 0 else {
            throw HashingError.invalidHeaderParameter(method: metadata.methodIdentifier, name: name, value: text)
        }
        return value
    }

    /// Returns the hash functions stored in the `hash-parameters` section, which must hold `count` of them.
    public func hashes(count: Int) throws -> [UniversalHash] {
        let values = try typedValues(section: "hash-parameters", as: UInt64.self, type: .uint64)
        let hashes = try UniversalHash.unflatten(values, method: metadata.methodIdentifier)
        guard hashes.count == count else {
            throw HashingError.invalidSection(
                method: metadata.methodIdentifier, section: "hash-parameters",
                reason: "holds \(hashes.count) hash functions; expected \(count)")
        }
        return hashes
    }
}

extension UniversalHash {
    /// Makes the `hash-parameters` section for `hashes`.
    public static func section(_ hashes: [UniversalHash]) -> ContainerSection {
        ContainerSection(name: "hash-parameters", elementType: .uint64, values: flatten(hashes))
    }
}
