import CTR
import EmbeddingCompression
import Testing

@Suite struct Float32TableTests {
    @Test func exportDecodesTrainedRows() throws {
        let embedding = FullEmbedding(rowCount: 5, dimension: 3, optimizer: OptimizerConfiguration(), initialScale: 1, seed: 2)
        let exported = try embedding.export()
        #expect(exported.methodIdentifier == "float32")
        #expect(exported.footprintBytes == 5 * 3 * 4)
        let decoded = try exported.decodeAll()
        #expect(decoded.values() == embedding.table.values)
    }

    @Test func sectionsRoundTrip() throws {
        let values: [Float] = (0..<12).map { Float($0) * 0.5 - 2 }
        let table = Float32Table(rowCount: 4, dimension: 3, values: values)
        let contents = ContainerContents(
            metadata: TableMetadata(methodIdentifier: "float32", rowCount: 4, dimension: 3, parameters: [:]),
            sections: table.containerSections())
        let restored = try Float32Table(contents: contents)
        #expect(restored.values == values)
        var output = [Float](repeating: 0, count: 6)
        [3, 0].withUnsafeBufferPointer { rows in
            output.withUnsafeMutableBufferPointer { restored.decode(rows: rows, into: $0) }
        }
        #expect(output == Array(values[9..<12]) + Array(values[0..<3]))
    }

    @Test func wrongLengthIsRejected() {
        let contents = ContainerContents(
            metadata: TableMetadata(methodIdentifier: "float32", rowCount: 4, dimension: 3, parameters: [:]),
            sections: [ContainerSection(name: "values", elementType: .float32, values: [Float](repeating: 0, count: 11))])
        #expect(throws: ContainerError.self) { try Float32Table(contents: contents) }
    }
}
