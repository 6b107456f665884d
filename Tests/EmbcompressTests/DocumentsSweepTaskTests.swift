@testable import embcompress
import Foundation
import Testing

@Suite("Documents sweep task")
struct DocumentsSweepTaskTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("documents-task-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("small corpus writes result files")
    func smallCorpusRuns() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines: [String] = []
        for index in 0..<60 {
            let topic = index % 2 == 0 ? "sport match goal team player score" : "vote election party law court minister"
            let words = topic.split(separator: " ")
            lines.append("\(index % 2 == 0 ? "sport" : "politics")\t\(words[index % 6]) \(words[(index + 1) % 6]) \(words[(index + 3) % 6])")
        }
        let corpus = folder.appendingPathComponent("corpus.tsv")
        try lines.joined(separator: "\n").write(to: corpus, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out")
        var arguments = try ParsedArguments([
            "--corpus", corpus.path, "--bits", "8,16", "--epochs", "2", "--inference-epochs", "2",
            "--min-count", "1", "--threads", "2", "--output", output.path,
        ])
        try runDocumentsSweep(&arguments, registry: builtinRegistry())
        let csv = try String(contentsOf: output.appendingPathComponent("documents.csv"), encoding: .utf8)
        #expect(csv.contains("binary-paragraph-vector"))
        #expect(csv.contains("paragraph-vector"))
        #expect(csv.contains("tf-idf"))
    }

    @Test("empty corpus file is an error")
    func emptyCorpus() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("empty.tsv")
        try Data().write(to: corpus)
        var arguments = try ParsedArguments(["--corpus", corpus.path, "--output", folder.path])
        #expect(throws: (any Error).self) { try runDocumentsSweep(&arguments, registry: builtinRegistry()) }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("documents.csv").path))
    }

    @Test("invalid bits option is a usage error")
    func invalidBits() throws {
        var arguments = try ParsedArguments(["--bits", "0"])
        #expect(throws: UsageError.self) { try runDocumentsSweep(&arguments, registry: builtinRegistry()) }
    }
}
