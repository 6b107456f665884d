import EmbeddingCompression
import Foundation
import Testing

/// A compressed table that no built-in plugin decodes: Float32 values stored as they are.
private struct UnregisteredTable: CompressedTable {
    let methodIdentifier = "test-unregistered"
    let rowCount = 4
    let dimension = 3
    let parameters = ["note": "made by a test"]
    var footprintBytes: Int { rowCount * dimension * 4 }
    let values: [Float] = (0..<12).map { Float($0) * 0.5 }

    func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        for (position, row) in rows.enumerated() {
            for column in 0..<dimension { output[position * dimension + column] = values[row * dimension + column] }
        }
    }

    func containerSections() -> [ContainerSection] {
        [ContainerSection(name: "values", elementType: .float32, values: values)]
    }
}

@Suite struct CompressCommandTests {
    @Test func missingInputNamesFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try CommandRunner.run(
            ["compress", "absent.npy", "--method", "any", "--budget", "1/8", "--output", "out.embc"], in: folder.url)

        #expect(result.status == 1)
        #expect(result.standardError.contains("absent.npy"))
        #expect(try folder.fileNames() == [])
    }

    @Test func unsupportedInputTypeNamesFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Data("1,2,3\n".utf8).write(to: folder.file("table.csv"))
        let result = try CommandRunner.run(
            ["compress", "table.csv", "--method", "any", "--budget", "1/8", "--output", "out.embc"], in: folder.url)

        #expect(result.status == 1)
        #expect(result.standardError.contains("table.csv"))
        #expect(result.standardError.contains(".npy"))
        #expect(try folder.fileNames() == ["table.csv"])
    }

    @Test func unknownMethodIsUsageError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try NpyFile.write(try EmbeddingTable(rowCount: 2, dimension: 2, values: [1, 2, 3, 4]), to: folder.file("table.npy"))
        let result = try CommandRunner.run(
            ["compress", "table.npy", "--method", "no-such-method", "--budget", "1/8", "--output", "out.embc"], in: folder.url)

        #expect(result.status == 2)
        #expect(result.standardError.contains("unknown method 'no-such-method'"))
        #expect(try folder.fileNames() == ["table.npy"])
    }

    @Test func invalidOptionsAreUsageErrors() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cases: [([String], String)] = [
            (["compress", "t.npy", "--method", "m", "--budget", "lots", "--output", "o.embc"], "invalid budget 'lots'"),
            (["compress", "t.npy", "--method", "m", "--budget", "1/8"], "missing --output"),
            (["compress", "t.npy", "--method", "m", "--budget", "1/8", "--output", "o.embc", "--codec", "gzip"], "invalid --codec 'gzip'"),
            (["compress", "t.npy", "--budget", "1/8", "--output", "o.embc"], "missing --method"),
            (["compress", "t.npy", "--method", "m", "--budget", "1/8", "--output", "o.embc", "--level", "3"], "unknown option --level"),
        ]
        for (arguments, message) in cases {
            let result = try CommandRunner.run(arguments, in: folder.url)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.standardError.contains(message), "\(result.standardError)")
        }
        #expect(try folder.fileNames() == [])
    }

    @Test func helpDescribesOptions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for command in ["compress", "decode", "inspect"] {
            let result = try CommandRunner.run([command, "--help"], in: folder.url)
            #expect(result.status == 0)
            #expect(result.standardOutput.hasPrefix("usage: embcompress \(command)"))
        }
        let compress = try CommandRunner.run(["compress", "--help"], in: folder.url)
        for option in ["--method", "--budget", "--output", "--tensor", "--codec", "--seed", "--allow-non-finite"] {
            #expect(compress.standardOutput.contains(option), "\(option)")
        }
    }
}

@Suite struct DecodeCommandTests {
    @Test func missingContainerNamesFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try CommandRunner.run(["decode", "absent.embc", "--output", "out.npy"], in: folder.url)

        #expect(result.status == 1)
        #expect(result.standardError.contains("absent.embc"))
        #expect(try folder.fileNames() == [])
    }

    @Test func nonContainerInputIsRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try NpyFile.write(try EmbeddingTable(rowCount: 1, dimension: 2, values: [1, 2]), to: folder.file("table.npy"))
        let result = try CommandRunner.run(["decode", "table.npy", "--output", "out.npy"], in: folder.url)

        #expect(result.status == 1)
        #expect(result.standardError.contains("table.npy: not an embcompress container"))
        #expect(try folder.fileNames() == ["table.npy"])
    }

    @Test func damagedContainerLeavesNoOutput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("table.embc")
        let fileBytes = try ContainerFile.write(UnregisteredTable(), codec: .none, to: url)
        let original = [UInt8](try Data(contentsOf: url))

        var flipped = original
        flipped[fileBytes - 2] ^= 0x04
        try Data(flipped).write(to: url)
        let damaged = try CommandRunner.run(["decode", "table.embc", "--output", "out.npy"], in: folder.url)
        #expect(damaged.status == 1)
        #expect(damaged.standardError.contains("table.embc: checksum mismatch in section 'values'"))
        #expect(try folder.fileNames() == ["table.embc"])

        try Data(original.prefix(fileBytes - 10)).write(to: url)
        let truncated = try CommandRunner.run(["decode", "table.embc", "--output", "out.safetensors"], in: folder.url)
        #expect(truncated.status == 1)
        #expect(truncated.standardError.contains("table.embc: container is truncated"))
        #expect(try folder.fileNames() == ["table.embc"])
    }

    @Test func unregisteredMethodLeavesNoOutput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try ContainerFile.write(UnregisteredTable(), codec: .zstd, to: folder.file("table.embc"))
        let result = try CommandRunner.run(["decode", "table.embc", "--output", "out.npy"], in: folder.url)

        #expect(result.status == 1)
        #expect(result.standardError.contains("no decoder for method 'test-unregistered'"))
        #expect(try folder.fileNames() == ["table.embc"])
    }

    @Test func unsupportedOutputIsUsageError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try CommandRunner.run(["decode", "table.embc", "--output", "out.csv"], in: folder.url)

        #expect(result.status == 2)
        #expect(result.standardError.contains("out.csv"))
    }
}

@Suite struct InspectCommandTests {
    @Test func intactContainerIsDescribed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fileBytes = try ContainerFile.write(UnregisteredTable(), codec: .lz4, to: folder.file("table.embc"))
        let result = try CommandRunner.run(["inspect", "table.embc"], in: folder.url)

        #expect(result.status == 0)
        #expect(result.standardOutput.contains("test-unregistered"))
        #expect(result.standardOutput.contains("note=made by a test"))
        #expect(result.standardOutput.contains("4 x 3"))
        #expect(result.standardOutput.contains("\(fileBytes) B"))
        #expect(result.standardOutput.contains("values"))
        #expect(result.standardOutput.contains("float32"))
        #expect(result.standardOutput.contains("all checksums ok"))
    }

    @Test func damagedSectionFails() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("table.embc")
        let fileBytes = try ContainerFile.write(UnregisteredTable(), codec: .none, to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[fileBytes - 1] ^= 0x80
        try Data(bytes).write(to: url)
        let result = try CommandRunner.run(["inspect", "table.embc"], in: folder.url)

        #expect(result.status == 1)
        #expect(result.standardOutput.contains("FAILED"))
        #expect(result.standardError.contains("table.embc: checksum verification failed for section 'values'"))
    }

    @Test func damagedHeaderFails() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("table.embc")
        try ContainerFile.write(UnregisteredTable(), codec: .none, to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[80] ^= 0x01
        try Data(bytes).write(to: url)
        let result = try CommandRunner.run(["inspect", "table.embc"], in: folder.url)

        #expect(result.status == 1)
        #expect(result.standardError.contains("table.embc: checksum mismatch in the header"))
    }

    @Test func unknownVersionFails() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("table.embc")
        try ContainerFile.write(UnregisteredTable(), codec: .none, to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[8] = 9
        try Data(bytes).write(to: url)
        let result = try CommandRunner.run(["inspect", "table.embc"], in: folder.url)

        #expect(result.status == 1)
        #expect(result.standardError.contains("table.embc: container format version 9 is not supported"))
    }
}
