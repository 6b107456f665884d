import CTR
import EmbeddingCompression
import Foundation
import Testing

@testable import embcompress

@Suite struct CTRSweepTaskTests {
    @Test func badClickLogWritesNothing() throws {
        let folder = NSTemporaryDirectory() + "ctr-task-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = folder + "/clicks.ffm"
        try "1 0:a:1\n0 0:b:1\nmaybe 0:c:1\n".write(toFile: log, atomically: true, encoding: .utf8)
        let output = folder + "/out"
        var arguments = try ParsedArguments(["--libffm", log, "--output", output])
        #expect(throws: CTRDataError.invalidLabel(path: log, line: 3, text: "maybe")) {
            try runCTRSweep(&arguments, registry: MethodRegistry())
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func unknownModelIsUsageError() throws {
        var arguments = try ParsedArguments(["--model", "svm"])
        #expect(throws: UsageError.self) { try runCTRSweep(&arguments, registry: MethodRegistry()) }
    }
}
