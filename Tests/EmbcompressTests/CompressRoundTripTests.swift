import EmbeddingCompression
import Foundation
import Testing

/// `compress`, `inspect` and `decode` with the built-in methods, on tables the tests write.
@Suite struct CompressRoundTripTests {
    /// A 64 x 8 table with values spread over [-2, 2), written as a C-order float32 .npy.
    private func writeTable(in folder: TemporaryFolder, name: String = "table.npy") throws -> EmbeddingTable {
        let values: [Float] = (0..<(64 * 8)).map { (index: Int) -> Float in Float((index * 37) % 101) / 25 - 2 }
        let table = try EmbeddingTable(rowCount: 64, dimension: 8, values: values)
        try NpyFile.write(table, to: folder.file(name))
        return table
    }

    /// Raw bytes of an .npy file with a version 1.0 header for `descriptor`, `shape` and `payload`.
    private func npyBytes(descriptor: String, shape: String, payload: Data) -> Data {
        var header = "{'descr': '\(descriptor)', 'fortran_order': False, 'shape': \(shape), }"
        // The header is padded with spaces and ends in a newline so the data starts at a multiple of 64.
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        data.append(contentsOf: [UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)])
        data.append(Data(header.utf8))
        data.append(payload)
        return data
    }

    @Test(arguments: ["none", "lz4", "zstd"])
    func int8RoundTripsThroughEveryCodec(codec: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let table = try writeTable(in: folder)

        let compressed = try CommandRunner.run(
            ["compress", "table.npy", "--method", "int8-rowwise", "--budget", "1/2", "--codec", codec,
             "--output", "table.embc"], in: folder.url)
        #expect(compressed.status == 0, "\(compressed.standardError)")
        let inspected = try CommandRunner.run(["inspect", "table.embc"], in: folder.url)
        #expect(inspected.status == 0, "\(inspected.standardError)")
        #expect(inspected.standardOutput.contains("int8-rowwise"))
        let decoded = try CommandRunner.run(["decode", "table.embc", "--output", "decoded.npy"], in: folder.url)
        #expect(decoded.status == 0, "\(decoded.standardError)")

        // Row-wise int8 with an fp16 scale: each value is within half a step of the original,
        // where a step is (max - min) / 255 of its row, plus fp16 rounding of scale and bias.
        let restored = try NpyFile.read(folder.file("decoded.npy"))
        #expect(restored.rowCount == table.rowCount)
        #expect(restored.dimension == table.dimension)
        let original = table.values(), approximation = restored.values()
        for row in 0..<table.rowCount {
            let slice = original[(row * 8)..<((row + 1) * 8)]
            let step = (slice.max()! - slice.min()!) / 255
            for column in 0..<8 {
                let index = row * 8 + column
                #expect(abs(original[index] - approximation[index]) <= step * 0.5 + 4e-3)
            }
        }
    }

    @Test func impossibleBudgetNamesSmallestFeasible() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try writeTable(in: folder)
        // int8-rowwise needs 64 rows x (8 code bytes + 4 bytes of fp16 scale and bias) = 768 bytes.
        let result = try CommandRunner.run(
            ["compress", "table.npy", "--method", "int8-rowwise", "--budget", "700", "--output", "table.embc"],
            in: folder.url)

        #expect(result.status == 1)
        #expect(result.standardError.contains("768"))
        #expect(try folder.fileNames() == ["table.npy"])
    }

    @Test func truncatedNpyNamesFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try writeTable(in: folder)
        let whole = try Data(contentsOf: folder.file("table.npy"))
        try whole.prefix(whole.count - 100).write(to: folder.file("truncated.npy"))
        let result = try CommandRunner.run(
            ["compress", "truncated.npy", "--method", "int8-rowwise", "--budget", "1/2", "--output", "out.embc"],
            in: folder.url)

        #expect(result.status == 1)
        #expect(result.standardError.contains("truncated.npy"))
        #expect(try folder.fileNames() == ["table.npy", "truncated.npy"])
    }

    @Test func headerClaimingMoreDataNamesFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // The header promises 10 x 4 float32 values (160 bytes), but the file contains only 2 x 4.
        let payload = [Float](repeating: 1, count: 8).withUnsafeBytes { Data($0) }
        try npyBytes(descriptor: "<f4", shape: "(10, 4)", payload: payload).write(to: folder.file("short.npy"))
        let result = try CommandRunner.run(
            ["compress", "short.npy", "--method", "fp16", "--budget", "1/2", "--output", "out.embc"], in: folder.url)

        #expect(result.status == 1)
        #expect(result.standardError.contains("short.npy"))
        #expect(try folder.fileNames() == ["short.npy"])
    }

    @Test func unsupportedDtypeIsNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let payload = [Int32](repeating: 7, count: 8).withUnsafeBytes { Data($0) }
        try npyBytes(descriptor: "<i4", shape: "(2, 4)", payload: payload).write(to: folder.file("ints.npy"))
        let result = try CommandRunner.run(
            ["compress", "ints.npy", "--method", "fp16", "--budget", "1/2", "--output", "out.embc"], in: folder.url)

        #expect(result.status == 1)
        #expect(result.standardError.contains("ints.npy"))
        #expect(result.standardError.contains("<i4"))
        #expect(try folder.fileNames() == ["ints.npy"])
    }

    @Test func nonFiniteValuesNeedTheFlag() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var values = [Float](repeating: 0.5, count: 16)
        values[6] = .nan
        try NpyFile.write(try EmbeddingTable(rowCount: 4, dimension: 4, values: values), to: folder.file("nan.npy"))

        let rejected = try CommandRunner.run(
            ["compress", "nan.npy", "--method", "fp16", "--budget", "1/2", "--output", "out.embc"], in: folder.url)
        #expect(rejected.status == 1)
        #expect(rejected.standardError.contains("nan.npy"))
        #expect(rejected.standardError.contains("--allow-non-finite"))
        #expect(try folder.fileNames() == ["nan.npy"])

        let accepted = try CommandRunner.run(
            ["compress", "--allow-non-finite", "nan.npy", "--method", "fp16", "--budget", "1/2", "--output", "out.embc"],
            in: folder.url)
        #expect(accepted.status == 0, "\(accepted.standardError)")
        #expect(try folder.fileNames() == ["nan.npy", "out.embc"])
    }

    @Test func missingTensorListsTensors() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let table = try EmbeddingTable(rowCount: 2, dimension: 2, values: [1, 2, 3, 4])
        try SafetensorsFile.write(table, tensor: "weights", to: folder.file("model.safetensors"))
        let result = try CommandRunner.run(
            ["compress", "model.safetensors", "--tensor", "embeddings", "--method", "fp16", "--budget", "1/2",
             "--output", "out.embc"], in: folder.url)

        #expect(result.status == 1)
        #expect(result.standardError.contains("weights"))
        #expect(try folder.fileNames() == ["model.safetensors"])
    }
}
