import Foundation
import Testing
@testable import EmbeddingCompression

@Suite struct TextEmbeddingFileTests {
    @Test func gloveFormatWithoutHeader() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("vectors.txt")
        try write(Array("the 0.5 -1 2\nof 1e-3 3.25 -0\r\ncat\t4 5 6\n".utf8), to: url)

        let (table, vocabulary) = try TextEmbeddingFile.read(url)
        #expect(vocabulary == ["the", "of", "cat"])
        #expect(table.rowCount == 3)
        #expect(table.dimension == 3)
        #expect(table.values() == [0.5, -1, 2, 0.001, 3.25, 0, 4, 5, 6])
    }

    @Test func word2vecHeaderLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("vectors.vec")
        try write(Array("2 2\nalpha 1 2\nbeta 3 4".utf8), to: url)

        let (table, vocabulary) = try TableFile.read(url)
        #expect(vocabulary == ["alpha", "beta"])
        #expect(table.values() == [1, 2, 3, 4])
    }

    @Test func wrongValueCountNamesLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("bad.txt")
        try write(Array("a 1 2 3\nb 1 2\n".utf8), to: url)

        let error = #expect(throws: ReaderError.self) { try TextEmbeddingFile.read(url) }
        #expect(error == .invalidLine(path: url.path, line: 2, reason: "2 values after the word, expected 3"))
        #expect(error?.description.hasPrefix("\(url.path):2:") == true)
    }

    @Test func nonNumericValueNamesLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("bad.txt")
        try write(Array("a 1 2\nb 1 x2\n".utf8), to: url)

        let error = #expect(throws: ReaderError.self) { try TextEmbeddingFile.read(url) }
        #expect(error == .invalidLine(path: url.path, line: 2, reason: "value 2 'x2' is not a number"))
    }

    @Test func declaredRowCountMustMatch() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("count.vec")
        try write(Array("3 1\na 1\nb 2\n".utf8), to: url)

        let error = #expect(throws: ReaderError.self) { try TextEmbeddingFile.read(url) }
        #expect(error == .invalidLine(path: url.path, line: 1, reason: "the header line declares 3 rows but the file has 2"))
    }

    @Test func nonFiniteValuesRejectedUnlessAllowed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("nan.txt")
        try write(Array("a 1 2\nb nan 4\n".utf8), to: url)

        let error = #expect(throws: TableError.self) { try TextEmbeddingFile.read(url) }
        guard case .nonFiniteValue(_, let row, let column, _) = error else {
            Issue.record("expected nonFiniteValue, got \(String(describing: error))")
            return
        }
        #expect(row == 1)
        #expect(column == 0)
        #expect(try TextEmbeddingFile.read(url, allowNonFinite: true).table.values()[2].isNaN)
    }

    @Test func emptyFileIsRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("empty.txt")
        try write([], to: url)
        #expect(throws: ReaderError.self) { try TextEmbeddingFile.read(url) }
    }
}

@Suite struct VocabularyFileTests {
    @Test func readsOneEntryPerLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("vocab.txt")
        try write(Array("[PAD]\nthe\r\n\nzebra\n".utf8), to: url)

        #expect(try VocabularyFile.read(url, expectedCount: 4) == ["[PAD]", "the", "", "zebra"])
        #expect(try VocabularyFile.read(url, expectedCount: nil).count == 4)
    }

    @Test func lengthMismatchIsRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("vocab.txt")
        try write(Array("a\nb\nc".utf8), to: url)

        let error = #expect(throws: TableError.self) { try VocabularyFile.read(url, expectedCount: 4) }
        #expect(error == .vocabularyLengthMismatch(path: url.path, entryCount: 3, rowCount: 4))
    }
}

@Suite struct TableFileTests {
    @Test func dispatchesOnExtension() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let table = try EmbeddingTable(rowCount: 1, dimension: 2, values: [1, 2])
        try NpyFile.write(table, to: folder.file("t.npy"))
        try SafetensorsFile.write(table, tensor: "w", to: folder.file("t.safetensors"))

        let npy = try TableFile.read(folder.file("t.npy"))
        #expect(npy.table.values() == [1, 2])
        #expect(npy.vocabulary == nil)
        #expect(try TableFile.read(folder.file("t.safetensors"), tensor: "w").table.values() == [1, 2])
    }

    @Test func unknownExtensionIsRejected() throws {
        let url = URL(fileURLWithPath: "/tmp/table.csv")
        let error = #expect(throws: ReaderError.self) { try TableFile.read(url) }
        #expect(error == .unsupportedExtension(path: url.path, supported: [".npy", ".safetensors", ".txt", ".vec"]))
    }
}
