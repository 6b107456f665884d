import EmbeddingCompression
import Hashing
import Testing

/// Damaged containers must fail with an error that names the section or parameter.
@Suite struct HashedTableDecodingTests {
    func exportedContents() throws -> ContainerContents {
        let embedding = try HashingTrick().makeEmbedding(
            schema: smallSchema, dimension: 4, budgetBytes: 512, optimizer: adam, seed: 1)
        let table = try embedding.export()
        return ContainerContents(
            metadata: TableMetadata(methodIdentifier: table.methodIdentifier, rowCount: table.rowCount,
                                    dimension: table.dimension, parameters: table.parameters),
            sections: table.containerSections())
    }

    @Test func missingSectionIsNamed() throws {
        var contents = try exportedContents()
        contents.sections.removeAll { $0.name == "table" }
        #expect(throws: ContainerError.missingSection(method: "hashing-trick", name: "table", present: ["hash-parameters"])) {
            _ = try HashedTable(contents: contents)
        }
    }

    @Test func truncatedTableIsRejected() throws {
        var contents = try exportedContents()
        let index = try #require(contents.sections.firstIndex { $0.name == "table" })
        contents.sections[index].payload = contents.sections[index].payload.dropLast(4)
        #expect(throws: HashingError.self) { _ = try HashedTable(contents: contents) }
    }

    @Test func zeroMultiplierIsRejected() throws {
        var contents = try exportedContents()
        let index = try #require(contents.sections.firstIndex { $0.name == "hash-parameters" })
        contents.sections[index] = ContainerSection(name: "hash-parameters", elementType: .uint64, values: [UInt64(0), 5])
        #expect(throws: HashingError.invalidHashParameters(multiplier: 0, increment: 5)) {
            _ = try HashedTable(contents: contents)
        }
    }

    @Test func missingHeaderParameterIsNamed() throws {
        var contents = try exportedContents()
        contents.metadata.parameters["k"] = nil
        #expect(throws: HashingError.invalidHeaderParameter(method: "hashing-trick", name: "k", value: nil)) {
            _ = try HashedTable(contents: contents)
        }
    }

    @Test func wrongElementTypeIsRejected() throws {
        var contents = try exportedContents()
        let index = try #require(contents.sections.firstIndex { $0.name == "table" })
        contents.sections[index].elementType = .int32
        #expect(throws: ContainerError.sectionTypeMismatch(section: "table", expected: "float32", found: "int32")) {
            _ = try HashedTable(contents: contents)
        }
    }

    @Test func unorderedFieldBoundariesAreRejected() throws {
        let embedding = try PerFieldHashing().makeEmbedding(
            schema: smallSchema, dimension: 4, budgetBytes: 1_024, optimizer: adam, seed: 1)
        let table = try embedding.export()
        var sections = table.containerSections()
        let index = try #require(sections.firstIndex { $0.name == "field-boundaries" })
        sections[index] = ContainerSection(name: "field-boundaries", elementType: .int64, values: [Int64(0), 65, 40, 68, 80])
        let contents = ContainerContents(
            metadata: TableMetadata(methodIdentifier: table.methodIdentifier, rowCount: table.rowCount,
                                    dimension: table.dimension, parameters: table.parameters),
            sections: sections)
        #expect(throws: HashingError.self) { _ = try PerFieldHashedTable(contents: contents) }
    }
}
