import Foundation
import Testing
@testable import EmbeddingCompression

/// A compressed table defined only for these tests: Float32 values stored as they are, plus
/// one tag byte per row, so a container has two sections of different element types.
struct RawTestTable: CompressedTable, Equatable {
    let methodIdentifier = "test-raw"
    let rowCount: Int
    let dimension: Int
    let values: [Float]
    let tags: [UInt8]

    init(rowCount: Int, dimension: Int, values: [Float], tags: [UInt8]) {
        self.rowCount = rowCount
        self.dimension = dimension
        self.values = values
        self.tags = tags
    }

    init(contents: ContainerContents) throws {
        rowCount = contents.metadata.rowCount
        dimension = contents.metadata.dimension
        values = try contents.section(named: "values").values(as: Float.self)
        tags = try contents.section(named: "tags").values(as: UInt8.self)
    }

    var parameters: [String: String] { ["layout": "raw", "note": "made by a test"] }
    var footprintBytes: Int { values.count * 4 + tags.count }

    func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        for (position, row) in rows.enumerated() {
            for column in 0..<dimension {
                output[position * dimension + column] = values[row * dimension + column]
            }
        }
    }

    func containerSections() -> [ContainerSection] {
        [
            ContainerSection(name: "values", elementType: .float32, values: values),
            ContainerSection(name: "tags", elementType: .uint8, values: tags),
        ]
    }

    /// Makes a table whose values repeat, so zstd and lz4 both shrink them.
    static func sample(rowCount: Int = 200, dimension: Int = 16) -> RawTestTable {
        let values = (0..<(rowCount * dimension)).map { Float(($0 % 37) - 18) * 0.25 }
        let tags = (0..<rowCount).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        return RawTestTable(rowCount: rowCount, dimension: dimension, values: values, tags: tags)
    }
}

@Suite struct ContainerFileTests {
    @Test(arguments: ContainerCodec.allCases)
    func roundTripIsBitExact(codec: ContainerCodec) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let table = RawTestTable.sample()
        let url = folder.file("table.embc")
        let fileBytes = try ContainerFile.write(table, codec: codec, to: url)

        #expect(fileBytes == (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int))
        #expect(try folder.fileNames() == ["table.embc"])
        let contents = try ContainerFile.readContents(url)
        #expect(contents.metadata == TableMetadata(
            methodIdentifier: "test-raw", rowCount: 200, dimension: 16, parameters: table.parameters))
        #expect(contents.sections.map(\.name) == ["values", "tags"])
        for (read, original) in zip(contents.sections, table.containerSections()) {
            #expect(read.payload == original.payload, "section \(read.name)")
            #expect(read.elementType == original.elementType)
        }
        let rebuilt = try RawTestTable(contents: contents)
        #expect(rebuilt == table)

        let inspection = try ContainerFile.inspect(url)
        #expect(inspection.isIntact)
        #expect(inspection.footprintBytes == table.footprintBytes)
        #expect(inspection.fileBytes == fileBytes)
        let values = try #require(inspection.sections.first)
        #expect(values.codec == codec)
        #expect(values.rawBytes == 200 * 16 * 4)
        #expect(values.offset % 64 == 0)
        if codec != .none { #expect(values.storedBytes < values.rawBytes) }
    }

    @Test func uncompressedSectionsAreAligned() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("table.embc")
        try ContainerFile.write(RawTestTable.sample(rowCount: 30, dimension: 5), codec: .none, to: url)

        let contents = try ContainerFile.readContents(url)
        // Foundation stores payloads of 14 bytes or fewer inline in the Data value, so only
        // larger sections are views of the map.
        for section in contents.sections where section.payload.count > 14 {
            let address = section.payload.withUnsafeBytes { Int(bitPattern: $0.baseAddress) }
            #expect(address % 64 == 0, "section \(section.name)")
        }
    }

    @Test func readThroughRegistry() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("table.embc")
        let table = RawTestTable.sample(rowCount: 4, dimension: 3)
        let schema = FeatureSchema(
            fields: [.init(name: "user", rowOffset: 0, rowCount: 3), .init(name: "genre", rowOffset: 3, rowCount: 1, isMultiValued: true)],
            frequencies: [5, 0, 2, 9])
        try ContainerFile.write(table, schema: schema, codec: .zstd, to: url)

        var registry = MethodRegistry()
        registry.registerDecoder(methodIdentifier: "test-raw") { try RawTestTable(contents: $0) }
        let read = try ContainerFile.read(url, registry: registry)
        #expect(try read.decodeAll().values() == table.values)
        #expect(try ContainerFile.readContents(url).metadata.schema == schema)

        let error = #expect(throws: ContainerError.self) { try ContainerFile.read(url, registry: MethodRegistry()) }
        let expectedReason = ContainerError.unknownMethod(identifier: "test-raw", known: []).description
        #expect(error == .cannotDecode(path: url.path, reason: expectedReason))
    }

    @Test func flippedByteIsDetectedEverywhere() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("table.embc")
        try ContainerFile.write(RawTestTable.sample(rowCount: 10, dimension: 4), codec: .none, to: url)
        let original = [UInt8](try Data(contentsOf: url))
        let inspection = try ContainerFile.inspect(url)
        let values = inspection.sections[0], tags = inspection.sections[1]

        // Positions in the preamble (section count, metadata length, checksum field, reserved),
        // the metadata JSON and the section table: the header checksum catches each.
        let headerPositions = [12, 24, 50, 57, 62, 70, inspection.headerBytes - 96 + 3, inspection.headerBytes - 1]
        for position in headerPositions {
            var damaged = original
            damaged[position] ^= 0x10
            try write(damaged, to: url)
            let error = #expect(throws: ContainerError.self, "byte \(position)") { try ContainerFile.readContents(url) }
            guard case .checksumMismatch(_, let section, _, _) = error else {
                Issue.record("byte \(position): expected a header checksum mismatch, got \(String(describing: error))")
                continue
            }
            #expect(section == "header", "byte \(position)")
            #expect(throws: ContainerError.self) { try ContainerFile.inspect(url) }
        }

        // Positions inside each section: the section's own checksum names it.
        for (position, name) in [(values.offset, "values"), (values.offset + values.storedBytes - 1, "values"), (tags.offset + 2, "tags")] {
            var damaged = original
            damaged[position] ^= 0x01
            try write(damaged, to: url)
            let error = #expect(throws: ContainerError.self) { try ContainerFile.readContents(url) }
            guard case .checksumMismatch(let path, let section, _, _) = error else {
                Issue.record("byte \(position): expected a checksum mismatch, got \(String(describing: error))")
                continue
            }
            #expect(path == url.path)
            #expect(section == name)
            let report = try ContainerFile.inspect(url)
            #expect(!report.isIntact)
            #expect(report.sections.filter { !$0.checksumMatches }.map(\.name) == [name])
        }

        // Padding between the header and the first section, and between the sections.
        for position in [inspection.headerBytes, values.offset + values.storedBytes] where position % 64 != 0 {
            var damaged = original
            damaged[position] = 0xFF
            try write(damaged, to: url)
            let error = #expect(throws: ContainerError.self, "padding byte \(position)") { try ContainerFile.readContents(url) }
            #expect(error?.description.contains("padding") == true)
            #expect(try !ContainerFile.inspect(url).isIntact)
        }

        var magic = original
        magic[1] = UInt8(ascii: "X")
        try write(magic, to: url)
        let error = #expect(throws: ContainerError.self) { try ContainerFile.readContents(url) }
        #expect(error == .notAContainer(path: url.path))
    }

    @Test func unknownFormatVersionIsRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("table.embc")
        try ContainerFile.write(RawTestTable.sample(rowCount: 2, dimension: 2), codec: .lz4, to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[8] = 7
        try write(bytes, to: url)

        let error = #expect(throws: ContainerError.self) { try ContainerFile.readContents(url) }
        #expect(error == .unsupportedFormatVersion(path: url.path, version: 7, supported: [1]))
        #expect(throws: ContainerError.self) { try ContainerFile.inspect(url) }
    }

    @Test func truncationIsRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("table.embc")
        let fileBytes = try ContainerFile.write(RawTestTable.sample(rowCount: 20, dimension: 8), codec: .zstd, to: url)
        let original = [UInt8](try Data(contentsOf: url))

        for length in [4, 40, 100, fileBytes - 1] {
            try write(Array(original.prefix(length)), to: url)
            let error = #expect(throws: ContainerError.self, "length \(length)") { try ContainerFile.readContents(url) }
            guard case .truncated(let path, _, let actual) = error else {
                Issue.record("length \(length): expected truncated, got \(String(describing: error))")
                continue
            }
            #expect(path == url.path)
            #expect(actual == length)
        }
        try write(Array(original.prefix(fileBytes - 1)), to: url)
        let error = #expect(throws: ContainerError.self) { try ContainerFile.readContents(url) }
        #expect(error == .truncated(path: url.path, expectedBytes: fileBytes, actualBytes: fileBytes - 1))

        try write([], to: url)
        #expect(throws: ContainerError.notAContainer(path: url.path)) { try ContainerFile.readContents(url) }
    }

    @Test func invalidSectionNamesAreRejected() throws {
        struct Named: CompressedTable {
            let names: [String]
            let methodIdentifier = "test-named"
            let rowCount = 1
            let dimension = 1
            let parameters: [String: String] = [:]
            let footprintBytes = 4
            func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {}
            func containerSections() -> [ContainerSection] {
                names.map { ContainerSection(name: $0, elementType: .float32, values: [Float(1)]) }
            }
        }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for names in [[""], [String(repeating: "n", count: 49)], ["a", "a"]] {
            #expect(throws: ContainerError.self, "\(names)") {
                try ContainerFile.write(Named(names: names), codec: .none, to: folder.file("named.embc"))
            }
        }
        #expect(try folder.fileNames() == [])
    }

    @Test func writeToMissingFolderLeavesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: FileWriteError.self) {
            try ContainerFile.write(RawTestTable.sample(), codec: .zstd, to: folder.file("missing/table.embc"))
        }
        #expect(try folder.fileNames() == [])
    }
}

@Suite struct CRC32CTests {
    @Test func matchesPublishedCheckValue() {
        // The CRC-32C check value for "123456789" from RFC 3720 appendix B.4.
        let checksum = Array("123456789".utf8).withUnsafeBytes { CRC32C.checksum($0) }
        #expect(checksum == 0xE306_9283)
    }

    @Test func slicedPathMatchesBytewiseDefinition() {
        var generator = SplitMix64(seed: 7)
        let bytes = (0..<1000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        // Bit-at-a-time CRC-32C straight from the definition, for comparison.
        var expected: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            expected ^= UInt32(byte)
            for _ in 0..<8 { expected = (expected >> 1) ^ (expected & 1 == 1 ? 0x82F6_3B78 : 0) }
        }
        expected = ~expected
        #expect(bytes.withUnsafeBytes { CRC32C.checksum($0) } == expected)
        let split = bytes.withUnsafeBytes { all in
            CRC32C.update(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[0..<13])), with: UnsafeRawBufferPointer(rebasing: all[13...]))
        }
        #expect(split == expected)
    }
}
