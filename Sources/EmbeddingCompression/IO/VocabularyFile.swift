import Foundation

/// Reads a vocabulary: one entry per line, line `i` naming row `i` of a table.
public enum VocabularyFile {
    /// Reads the entries of the file at `url`. A final newline does not start another entry;
    /// a `\r` before a newline is dropped. Empty lines elsewhere are entries (the empty string).
    ///
    /// - Parameter expectedCount: the table's row count, or nil to accept any length.
    /// - Throws: `TableError.vocabularyLengthMismatch` when the entry count differs from
    ///   `expectedCount`; `TableError.cannotOpen` when the file cannot be opened.
    public static func read(_ url: URL, expectedCount: Int?) throws -> [String] {
        let file = try MappedFile(url: url)
        var entries: [String] = []
        if let expectedCount { entries.reserveCapacity(expectedCount) }
        TextEmbeddingFile.forEachLine(in: file.bytes) { line in
            entries.append(String(decoding: UnsafeRawBufferPointer(rebasing: line), as: UTF8.self))
        }
        if let expectedCount, entries.count != expectedCount {
            throw TableError.vocabularyLengthMismatch(path: url.path, entryCount: entries.count, rowCount: expectedCount)
        }
        return entries
    }
}
