import EmbeddingCompression
import Foundation
import Testing
@testable import Quantization

@Suite struct ContainerRoundTripTests {
    static func compressedTables() throws -> [any CompressedTable] {
        let table = try generatedTable(rowCount: 90, dimension: 10, seed: 21)
        let methods: [any TableCompressor] = [
            Float16Compressor(), Int8RowwiseQuantizer(), Int4RowwiseQuantizer(), Int2RowwiseQuantizer(),
            ProductQuantizer(iterations: 3),
        ]
        return try methods.map { try $0.compress(table, budgetBytes: Int.max, context: twoThreads) }
    }

    @Test func everyMethodRegistered() {
        let identifiers = quantizationRegistry().compressors.map(\.identifier)
        #expect(identifiers == ["fp16", "int8-rowwise", "int4-rowwise", "int2-rowwise", "pq"])
    }

    @Test func decodeIsBitIdenticalAfterRoundTrip() throws {
        for table in try Self.compressedTables() {
            let rebuilt = try roundTrip(table)
            #expect(rebuilt.methodIdentifier == table.methodIdentifier)
            #expect(rebuilt.footprintBytes == table.footprintBytes, "\(table.methodIdentifier)")
            #expect(rebuilt.parameters == table.parameters, "\(table.methodIdentifier)")
            #expect(decodedValues(rebuilt).map(\.bitPattern) == decodedValues(table).map(\.bitPattern),
                    "\(table.methodIdentifier)")
        }
    }

    @Test func fileRoundTripWithEveryCodec() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("quantization-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let registry = quantizationRegistry()
        for table in try Self.compressedTables() {
            for codec in ContainerCodec.allCases {
                let url = folder.appendingPathComponent("\(table.methodIdentifier)-\(codec.rawValue).emb")
                try ContainerFile.write(table, codec: codec, to: url)
                let rebuilt = try ContainerFile.read(url, registry: registry)
                #expect(rebuilt.footprintBytes == table.footprintBytes, "\(table.methodIdentifier), \(codec)")
                #expect(decodedValues(rebuilt).map(\.bitPattern) == decodedValues(table).map(\.bitPattern),
                        "\(table.methodIdentifier), \(codec)")
            }
        }
    }

    @Test func truncatedSectionIsRejected() throws {
        for table in try Self.compressedTables() {
            var sections = table.containerSections()
            sections[0].payload = sections[0].payload.dropLast(sections[0].elementType.byteWidth)
            #expect(throws: ContainerError.self, "\(table.methodIdentifier)") {
                try roundTrip(table, sections: sections)
            }
        }
    }

    @Test func missingSectionIsRejected() throws {
        for table in try Self.compressedTables() {
            let sections = Array(table.containerSections().dropFirst())
            #expect(throws: ContainerError.self, "\(table.methodIdentifier)") {
                try roundTrip(table, sections: sections)
            }
        }
    }

    @Test func wrongElementTypeIsRejected() throws {
        for table in try Self.compressedTables() {
            var sections = table.containerSections()
            sections[0].elementType = sections[0].elementType == .int8 ? .uint8 : .int8
            #expect(throws: ContainerError.self, "\(table.methodIdentifier)") {
                try roundTrip(table, sections: sections)
            }
        }
    }

    @Test func productCodeBeyondCentroidsIsRejected() throws {
        let table = try generatedTable(rowCount: 30, dimension: 4)
        let pq = try #require(try ProductQuantizer(iterations: 2, subvectorCount: 2)
            .compress(table, budgetBytes: Int.max, context: singleThread) as? ProductQuantizedTable)
        var codes = pq.codes
        codes[5] = 30  // k is 30 for a 30-row table, so 30 is one past the last centroid
        let sections = [ContainerSection(name: "codes", elementType: .uint8, values: codes),
                        pq.containerSections()[1]]
        #expect(throws: CompressionError.self) { try roundTrip(pq, sections: sections) }
    }
}
