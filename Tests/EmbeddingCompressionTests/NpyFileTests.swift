import Foundation
import Testing
@testable import EmbeddingCompression

@Suite struct NpyFileTests {
    @Test func roundTripKeepsValues() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let values: [Float] = [1, -2.5, 3.25, 0, 1e-30, -7e20]
        let table = try EmbeddingTable(rowCount: 3, dimension: 2, values: values)
        let url = folder.file("table.npy")
        try NpyFile.write(table, to: url)

        let read = try NpyFile.read(url)
        #expect(read.rowCount == 3)
        #expect(read.dimension == 2)
        #expect(read.values() == values)
        #expect(read.isMemoryMapped)
        #expect(try folder.fileNames() == ["table.npy"])
    }

    @Test func writtenHeaderFollowsFormat() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("table.npy")
        try NpyFile.write(try EmbeddingTable(rowCount: 2, dimension: 3, values: [1, 2, 3, 4, 5, 6]), to: url)
        let bytes = [UInt8](try Data(contentsOf: url))

        #expect(Array(bytes[0..<8]) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        let dictionary = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        #expect(dictionary.contains("'descr': '<f4'"))
        #expect(dictionary.contains("'fortran_order': False"))
        #expect(dictionary.contains("'shape': (2, 3)"))
        #expect(bytes.count == 10 + headerLength + 6 * 4)
    }

    @Test func fortranOrderFloat64Version2() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // The table [[1, 2], [3, 4], [5, 6]] stored column by column.
        var data: [UInt8] = []
        for value in [1.0, 3.0, 5.0, 2.0, 4.0, 6.0] { data.appendLittleEndian(value.bitPattern) }
        let url = folder.file("fortran.npy")
        try write(handMadeNpy(major: 2, dictionary: "{'descr': '<f8', 'fortran_order': True, 'shape': (3, 2), }", data: data), to: url)

        let table = try NpyFile.read(url)
        #expect(table.values() == [1, 2, 3, 4, 5, 6])
        #expect(!table.isMemoryMapped)
    }

    @Test func fortranOrderFloat32LargerThanTile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // 130 x 70 crosses the 64 x 64 transpose tiles in both directions.
        let rows = 130, columns = 70
        var data: [UInt8] = []
        for column in 0..<columns {
            for row in 0..<rows { data.appendLittleEndian(Float(row * 1000 + column).bitPattern) }
        }
        let url = folder.file("fortran32.npy")
        try write(handMadeNpy(major: 1, dictionary: "{'descr': '<f4', 'fortran_order': True, 'shape': (\(rows), \(columns)), }", data: data), to: url)

        let table = try NpyFile.read(url)
        let values = table.values()
        for row in [0, 63, 64, 129] {
            for column in [0, 63, 64, 69] {
                #expect(values[row * columns + column] == Float(row * 1000 + column))
            }
        }
    }

    @Test func version3BigEndianFloat32() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var data: [UInt8] = []
        for value: Float in [0.5, -1, 2, 1024] { data.appendBigEndian(value.bitPattern) }
        let url = folder.file("big.npy")
        try write(handMadeNpy(major: 3, dictionary: "{\"descr\": \">f4\", \"fortran_order\": False, \"shape\": (2, 2)}", data: data), to: url)

        #expect(try NpyFile.read(url).values() == [0.5, -1, 2, 1024])
    }

    @Test func float16MatchesIEEEDefinition() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Normal, subnormal, largest, smallest and signed patterns of IEEE 754 binary16.
        let patterns: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x03FF, 0x0400, 0x3555, 0x8000, 0x5640, 0xFBFF]
        var data: [UInt8] = []
        for pattern in patterns { data.appendLittleEndian(pattern) }
        let url = folder.file("half.npy")
        try write(handMadeNpy(major: 1, dictionary: "{'descr': '<f2', 'fortran_order': False, 'shape': (5, 2), }", data: data), to: url)

        let values = try NpyFile.read(url).values()
        for (pattern, value) in zip(patterns, values) {
            // binary16: 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits.
            let sign: Double = pattern & 0x8000 == 0 ? 1 : -1
            let exponent = Int((pattern >> 10) & 0x1F)
            let fraction = Double(pattern & 0x3FF)
            let expected = exponent == 0
                ? sign * fraction / 1024 * pow(2, -14)
                : sign * (1 + fraction / 1024) * pow(2, Double(exponent - 15))
            #expect(Double(value) == expected, "pattern 0x\(String(pattern, radix: 16))")
        }
        #expect(values[7].sign == .minus)
    }

    @Test func truncatedHeaderIsRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let complete = handMadeNpy(major: 1, dictionary: "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }", data: [0, 0, 0, 0])
        let url = folder.file("short.npy")
        for length in [0, 5, 9, 30] {
            try write(Array(complete.prefix(length)), to: url)
            #expect(throws: ReaderError.self) { try NpyFile.read(url) }
        }
        try write(Array(complete.prefix(30)), to: url)
        let error = #expect(throws: ReaderError.self) { try NpyFile.read(url) }
        // The header ends where the 4 data bytes begin.
        #expect(error == .truncatedHeader(path: url.path, format: ".npy", fileBytes: 30, neededBytes: complete.count - 4))
    }

    @Test func headerClaimingMoreDataIsRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("claims.npy")
        try write(handMadeNpy(major: 1, dictionary: "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 2), }", data: [UInt8](repeating: 0, count: 20)), to: url)

        let error = #expect(throws: ReaderError.self) { try NpyFile.read(url) }
        #expect(error == .dataBeyondEnd(path: url.path, claimedBytes: 32, availableBytes: 20))
        #expect(error?.description.contains(url.path) == true)
    }

    @Test func unsupportedDataTypeIsNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("ints.npy")
        try write(handMadeNpy(major: 1, dictionary: "{'descr': '<i4', 'fortran_order': False, 'shape': (1, 1), }", data: [1, 0, 0, 0]), to: url)

        let error = #expect(throws: ReaderError.self) { try NpyFile.read(url) }
        let message = error?.description ?? ""
        #expect(message.contains("'<i4'"))
        #expect(message.contains("'<f4' (float32)"))
        #expect(message.contains("'<f2' (float16)"))
    }

    @Test func structuredDataTypeIsRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("records.npy")
        try write(handMadeNpy(major: 1, dictionary: "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0, 0]), to: url)

        let error = #expect(throws: ReaderError.self) { try NpyFile.read(url) }
        #expect(error?.description.contains("structured") == true)
    }

    @Test func malformedHeaderIsRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("bad.npy")
        let dictionaries = [
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), ",
            "{'descr': '<f4', 'shape': (1, 1), }",
            "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1, 1), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': '1x1', }",
            "['descr', '<f4']",
        ]
        for dictionary in dictionaries {
            try write(handMadeNpy(major: 1, dictionary: dictionary, data: [0, 0, 0, 0]), to: url)
            let error = #expect(throws: ReaderError.self, "\(dictionary)") { try NpyFile.read(url) }
            guard case .malformedHeader = error else {
                Issue.record("expected malformedHeader for \(dictionary), got \(String(describing: error))")
                continue
            }
        }
        try write([0x50, 0x4B, 3, 4] + [UInt8](repeating: 0, count: 60), to: url)
        let error = #expect(throws: ReaderError.self) { try NpyFile.read(url) }
        #expect(error?.description.contains("magic") == true)
    }

    @Test func unknownVersionIsRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("v4.npy")
        var bytes = handMadeNpy(major: 2, dictionary: "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }", data: [0, 0, 0, 0])
        bytes[6] = 4
        try write(bytes, to: url)

        let error = #expect(throws: ReaderError.self) { try NpyFile.read(url) }
        #expect(error == .unsupportedVersion(path: url.path, format: ".npy", version: "4.0", supported: ["1.0", "2.0", "3.0"]))
    }

    @Test func onlyTwoDimensionsAreAccepted() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("shape.npy")
        for (shape, extents) in [("(4,)", [4]), ("(1, 2, 2)", [1, 2, 2]), ("(0, 4)", [0, 4]), ("()", [])] {
            try write(handMadeNpy(major: 1, dictionary: "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }", data: [UInt8](repeating: 0, count: 16)), to: url)
            let error = #expect(throws: ReaderError.self) { try NpyFile.read(url) }
            #expect(error == .unsupportedShape(path: url.path, shape: extents))
        }
    }

    @Test func nonFiniteValuesRejectedUnlessAllowed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("nan.npy")
        var data: [UInt8] = []
        for value: Float in [1, 2, 3, 4, .nan, 6] { data.appendLittleEndian(value.bitPattern) }
        try write(handMadeNpy(major: 1, dictionary: "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", data: data), to: url)

        let error = #expect(throws: TableError.self) { try NpyFile.read(url) }
        guard case .nonFiniteValue(let source, let row, let column, _) = error else {
            Issue.record("expected nonFiniteValue, got \(String(describing: error))")
            return
        }
        #expect(source == url.path)
        #expect(row == 2)
        #expect(column == 0)
        #expect(error?.description.contains("--allow-non-finite") == true)

        let table = try NpyFile.read(url, allowNonFinite: true)
        #expect(table.values()[4].isNaN)
    }

    @Test func infinityFromFloat64IsRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("inf.npy")
        var data: [UInt8] = []
        for value in [1.0, -Double.infinity] { data.appendLittleEndian(value.bitPattern) }
        try write(handMadeNpy(major: 1, dictionary: "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 1), }", data: data), to: url)

        let error = #expect(throws: TableError.self) { try NpyFile.read(url) }
        #expect(error == .nonFiniteValue(source: url.path, row: 1, column: 0, value: -.infinity))
    }

    @Test func missingFileNamesPath() throws {
        let url = URL(fileURLWithPath: "/nonexistent-folder/table.npy")
        let error = #expect(throws: TableError.self) { try NpyFile.read(url) }
        #expect(error?.description.contains("/nonexistent-folder/table.npy") == true)
    }

    @Test func writeToMissingFolderLeavesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let table = try EmbeddingTable(rowCount: 1, dimension: 1, values: [1])
        let url = folder.file("missing/table.npy")
        #expect(throws: FileWriteError.self) { try NpyFile.write(table, to: url) }
        #expect(try folder.fileNames() == [])
    }
}
