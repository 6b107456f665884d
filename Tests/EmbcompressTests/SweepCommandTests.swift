import EmbeddingCompression
import Foundation
import Testing

@Suite struct SweepCommandTests {
    /// Writes a generated 300 x 8 table whose rows are named `w0`...`w299`, with word pairs and
    /// analogy questions over those names, into `folder`.
    static func writeInputs(into folder: TemporaryFolder) throws {
        var generator = SplitMix64(seed: 3)
        let values = (0..<(300 * 8)).map { _ in Float(generator.nextGaussian()) }
        try NpyFile.write(try EmbeddingTable(rowCount: 300, dimension: 8, values: values), to: folder.file("table.npy"))
        try (0..<300).map { "w\($0)" }.joined(separator: "\n").appending("\n")
            .write(to: folder.file("words.txt"), atomically: true, encoding: .utf8)
        try "w1\tw2\t5.0\nw3\tw4\t2.5\nw5\tw6\t7.0\nw7\tmissing\t1.0\n"
            .write(to: folder.file("pairs.tsv"), atomically: true, encoding: .utf8)
        try ": generated\nw1 w2 w3 w4\nw5 w6 w7 w8\n"
            .write(to: folder.file("questions.txt"), atomically: true, encoding: .utf8)
    }

    @Test func sweepWritesReportsForGivenTable() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.writeInputs(into: folder)
        let result = try CommandRunner.run([
            "sweep", "--table", "table.npy", "--vocabulary", "words.txt", "--wordsim", "pairs.tsv",
            "--analogies", "questions.txt", "--methods", "int8-rowwise,int4-rowwise",
            "--budgets", "1/2,1/8", "--queries", "20", "--output", "results",
        ], in: folder.url)

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput.contains("mean_cosine"))
        #expect(result.standardOutput.contains("3 of 4 pairs used, 1 skipped"))
        #expect(result.standardError.contains("table [1/5] float32"))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("results").path).sorted()
        #expect(names == ["tables.csv", "tables.json", "tables.svg"])

        let rows = try JSONDecoder().decode([SweepRow].self, from: Data(contentsOf: folder.file("results/tables.json")))
        #expect(rows.map(\.method) == ["float32", "int8-rowwise", "int8-rowwise", "int4-rowwise", "int4-rowwise"])
        #expect(rows.map(\.budgetLabel) == ["1/1", "1/2", "1/8", "1/2", "1/8"])
        for row in rows where row.status == .ok {
            #expect(try #require(row.footprintBytes) <= row.budgetBytes, "\(row.method) at \(row.budgetLabel)")
            #expect(row.meanCosine != nil)
            #expect(row.recallAt10 != nil)
            #expect(row.fileBytes != nil)
        }
        // int8 needs 300 * (8 + 4) bytes, more than 1/8 of the 9,600-byte Float32 table.
        #expect(rows[2].status == .infeasible)
    }

    @Test func vocabularyWithoutTableIsUsageError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try CommandRunner.run(["sweep", "--vocabulary", "words.txt"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.standardError.contains("give --table too"))
    }

    @Test func unknownMethodIsUsageError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try CommandRunner.run(["sweep", "--table", "table.npy", "--methods", "no-such-method"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.standardError.contains("unknown method 'no-such-method'"))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["EMBCOMPRESS_DATA"] == nil))
    func mainJobWithoutDataAsksForMakeData() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try CommandRunner.run(["sweep"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.standardError.contains("make data"))
        #expect(try folder.fileNames() == [])
    }

    @Test func methodsListsEachMethodWithFormula() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try CommandRunner.run(["methods"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("int8-rowwise  (post-training)"))
        #expect(result.standardOutput.contains("memory (bytes): "))
        #expect(result.standardOutput.contains("budget chooses: "))
    }
}
