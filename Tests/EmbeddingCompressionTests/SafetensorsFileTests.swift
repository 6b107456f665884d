import Foundation
import Testing
@testable import EmbeddingCompression

/// Builds a safetensors file by hand: 8-byte little-endian header length, the JSON header,
/// then the data buffer.
private func handMadeSafetensors(header: String, data: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.appendLittleEndian(UInt64(header.utf8.count))
    bytes.appendASCII(header)
    return bytes + data
}

private func float32Bytes(_ values: [Float]) -> [UInt8] {
    var bytes: [UInt8] = []
    for value in values { bytes.appendLittleEndian(value.bitPattern) }
    return bytes
}

@Suite struct SafetensorsFileTests {
    @Test func roundTripKeepsValues() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let values: [Float] = [0.25, -1, 3, 4.5, -0.125, 6]
        let url = folder.file("table.safetensors")
        try SafetensorsFile.write(try EmbeddingTable(rowCount: 2, dimension: 3, values: values), tensor: "weight", to: url)

        #expect(try SafetensorsFile.tensorNames(url) == ["weight"])
        let byName = try SafetensorsFile.read(url, tensor: "weight")
        #expect(byName.values() == values)
        #expect(byName.rowCount == 2)
        #expect(byName.isMemoryMapped)
        #expect(try SafetensorsFile.read(url, tensor: nil).values() == values)

        let bytes = [UInt8](try Data(contentsOf: url))
        let headerLength = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect((8 + headerLength) % 8 == 0)
        #expect(bytes.count == 8 + headerLength + 24)
    }

    @Test func tensorChosenByNameAndConverted() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var data = float32Bytes([1, 2, 3, 4])
        for pattern: UInt16 in [0x3C00, 0xC000] { data.appendLittleEndian(pattern) }
        for value in [0.5, 8.0] { data.appendLittleEndian(value.bitPattern) }
        for value: UInt16 in [0x3F80, 0xC040] { data.appendLittleEndian(value) }  // bfloat16 1.0 and -3.0
        let header = """
            {"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},\
            "half":{"dtype":"F16","shape":[1,2],"data_offsets":[16,20]},\
            "double":{"dtype":"F64","shape":[2,1],"data_offsets":[20,36]},\
            "brain":{"dtype":"BF16","shape":[1,2],"data_offsets":[36,40]}}
            """
        let url = folder.file("several.safetensors")
        try write(handMadeSafetensors(header: header, data: data), to: url)

        #expect(try SafetensorsFile.tensorNames(url) == ["a", "brain", "double", "half"])
        #expect(try SafetensorsFile.read(url, tensor: "a").values() == [1, 2, 3, 4])
        #expect(try SafetensorsFile.read(url, tensor: "half").values() == [1, -2])
        #expect(try SafetensorsFile.read(url, tensor: "double").values() == [0.5, 8])
        #expect(try SafetensorsFile.read(url, tensor: "brain").values() == [1, -3])
    }

    @Test func unalignedFloat32IsCopied() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // A 1-byte tensor first puts the F32 tensor at an odd offset.
        var header = #"{"flag":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"t":{"dtype":"F32","shape":[1,2],"data_offsets":[1,9]}}"#
        while (8 + header.utf8.count + 1) % 4 == 0 { header += " " }
        let url = folder.file("odd.safetensors")
        try write(handMadeSafetensors(header: header, data: [7] + float32Bytes([1.5, -2])), to: url)

        let table = try SafetensorsFile.read(url, tensor: nil)
        #expect(table.values() == [1.5, -2])
        #expect(!table.isMemoryMapped)
    }

    @Test func missingTensorListsTensors() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("t.safetensors")
        let header = #"{"b":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1,1],"data_offsets":[4,8]}}"#
        try write(handMadeSafetensors(header: header, data: float32Bytes([1, 2])), to: url)

        let error = #expect(throws: ReaderError.self) { try SafetensorsFile.read(url, tensor: "weight") }
        #expect(error == .tensorNotFound(path: url.path, name: "weight", available: ["a", "b"]))
        let ambiguous = #expect(throws: ReaderError.self) { try SafetensorsFile.read(url, tensor: nil) }
        #expect(ambiguous == .ambiguousTensor(path: url.path, candidates: ["a 1x1", "b 1x1"]))
    }

    @Test func noTwoDimensionalTensor() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("vector.safetensors")
        try write(handMadeSafetensors(header: #"{"v":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: float32Bytes([1, 2])), to: url)

        let error = #expect(throws: ReaderError.self) { try SafetensorsFile.read(url, tensor: nil) }
        #expect(error == .ambiguousTensor(path: url.path, candidates: []))
        let named = #expect(throws: ReaderError.self) { try SafetensorsFile.read(url, tensor: "v") }
        #expect(named == .unsupportedShape(path: url.path, shape: [2]))
    }

    @Test func unsupportedDataTypeIsNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("ints.safetensors")
        try write(handMadeSafetensors(header: #"{"i":{"dtype":"I32","shape":[1,2],"data_offsets":[0,8]}}"#, data: [UInt8](repeating: 0, count: 8)), to: url)

        let error = #expect(throws: ReaderError.self) { try SafetensorsFile.read(url, tensor: "i") }
        #expect(error == .unsupportedDataType(path: url.path, dataType: "I32", supported: ["F32", "F16", "BF16", "F64"]))
    }

    @Test func invalidOffsetsAreRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("offsets.safetensors")
        let cases: [(String, String)] = [
            (#"{"t":{"dtype":"F32","shape":[1,2],"data_offsets":[0,16]}}"#, "beyond"),
            (#"{"t":{"dtype":"F32","shape":[1,2],"data_offsets":[-8,0]}}"#, "negative"),
            (#"{"t":{"dtype":"F32","shape":[1,2],"data_offsets":[8,0]}}"#, "reversed"),
            (#"{"t":{"dtype":"F32","shape":[1,2],"data_offsets":[0,4]}}"#, "needs 8 bytes"),
            (#"{"t":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]},"u":{"dtype":"F32","shape":[1,1],"data_offsets":[2,6]}}"#, "overlaps"),
            (#"{"t":{"dtype":"F32","shape":[1,2],"data_offsets":[0]}}"#, "[begin, end]"),
        ]
        for (header, reason) in cases {
            try write(handMadeSafetensors(header: header, data: float32Bytes([1, 2])), to: url)
            let error = #expect(throws: ReaderError.self, "\(header)") { try SafetensorsFile.read(url, tensor: "t") }
            guard case .invalidTensorOffsets(let path, _, let message) = error else {
                Issue.record("expected invalidTensorOffsets for \(header), got \(String(describing: error))")
                continue
            }
            #expect(path == url.path)
            #expect(message.contains(reason), "\(message)")
        }
    }

    @Test func headerLengthBeyondFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("long.safetensors")
        var bytes: [UInt8] = []
        bytes.appendLittleEndian(UInt64(1000))
        bytes.appendASCII("{}")
        try write(bytes, to: url)

        let error = #expect(throws: ReaderError.self) { try SafetensorsFile.read(url, tensor: nil) }
        #expect(error == .truncatedHeader(path: url.path, format: "safetensors", fileBytes: 10, neededBytes: 1008))
        try write([1, 2, 3], to: url)
        let short = #expect(throws: ReaderError.self) { try SafetensorsFile.tensorNames(url) }
        #expect(short == .truncatedHeader(path: url.path, format: "safetensors", fileBytes: 3, neededBytes: 8))
    }

    @Test func malformedJSONIsRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("json.safetensors")
        for header in [#"{"t":{"dtype":"F32","shape":[1,1]}}"#, #"{"t": nonsense}"#, #"[1, 2]"#] {
            try write(handMadeSafetensors(header: header, data: float32Bytes([1])), to: url)
            let error = #expect(throws: ReaderError.self) { try SafetensorsFile.read(url, tensor: nil) }
            guard case .malformedHeader = error else {
                Issue.record("expected malformedHeader for \(header), got \(String(describing: error))")
                continue
            }
        }
    }

    @Test func nonFiniteValuesRejectedUnlessAllowed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("inf.safetensors")
        try write(handMadeSafetensors(header: #"{"t":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}"#, data: float32Bytes([1, .infinity, 3, 4])), to: url)

        let error = #expect(throws: TableError.self) { try SafetensorsFile.read(url, tensor: "t") }
        #expect(error == .nonFiniteValue(source: url.path, row: 0, column: 1, value: .infinity))
        #expect(try SafetensorsFile.read(url, tensor: "t", allowNonFinite: true).values()[1] == .infinity)
    }
}
