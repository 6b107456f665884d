import Foundation

/// Reads word vectors in the text format of word2vec and GloVe.
///
/// Each line contains a word followed by its values, separated by spaces or tabs. word2vec files
/// start with a line `rows dimension`; GloVe files do not, and the first line then sets the
/// dimension. Every line must have exactly one word and `dimension` values, so a word that
/// contains a space is reported as a line with the wrong value count.
public enum TextEmbeddingFile {
    /// Reads the table and its vocabulary (one word per row, in file order).
    ///
    /// - Parameter allowNonFinite: keep NaN and infinite values instead of rejecting the file.
    /// - Throws: `ReaderError.invalidLine` naming the file and line for a wrong value count, a
    ///   value that is not a number or a row count that does not match the first line;
    ///   `TableError.nonFiniteValue` for NaN or infinity; `TableError.cannotOpen`.
    public static func read(_ url: URL, allowNonFinite: Bool = false) throws -> (table: EmbeddingTable, vocabulary: [String]) {
        let file = try MappedFile(url: url)
        let path = url.path
        var values: [Float] = []
        var vocabulary: [String] = []
        var dimension: Int?
        var declaredRows: Int?
        var lineNumber = 0

        try forEachLine(in: file.bytes) { line in
            lineNumber += 1
            let fields = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
            if fields.isEmpty { return }
            if lineNumber == 1, fields.count == 2, let rows = Int(text(fields[0])), let columns = Int(text(fields[1])) {
                guard rows > 0, columns > 0 else {
                    throw ReaderError.invalidLine(path: path, line: 1, reason: "the header line gives \(rows) rows and dimension \(columns); both must be positive")
                }
                declaredRows = rows
                dimension = columns
                values.reserveCapacity(rows * columns)
                vocabulary.reserveCapacity(rows)
                return
            }
            let expected = dimension ?? (fields.count - 1)
            guard expected > 0 else {
                throw ReaderError.invalidLine(path: path, line: lineNumber, reason: "a word with no values; each line needs a word followed by its values")
            }
            dimension = expected
            guard fields.count == expected + 1 else {
                throw ReaderError.invalidLine(path: path, line: lineNumber, reason: "\(fields.count - 1) values after the word, expected \(expected)")
            }
            for (index, field) in fields.dropFirst().enumerated() {
                guard let value = Float(text(field)) else {
                    throw ReaderError.invalidLine(path: path, line: lineNumber, reason: "value \(index + 1) '\(text(field))' is not a number")
                }
                if !allowNonFinite, !value.isFinite {
                    throw TableError.nonFiniteValue(source: "\(path):\(lineNumber)", row: vocabulary.count, column: index, value: value)
                }
                values.append(value)
            }
            vocabulary.append(text(fields[0]))
        }

        guard let dimension, !vocabulary.isEmpty else {
            throw ReaderError.invalidLine(path: path, line: max(lineNumber, 1), reason: "the file contains no word vectors")
        }
        if let declaredRows, declaredRows != vocabulary.count {
            throw ReaderError.invalidLine(path: path, line: 1, reason: "the header line declares \(declaredRows) rows but the file has \(vocabulary.count)")
        }
        let table = try EmbeddingTable(rowCount: vocabulary.count, dimension: dimension, values: values)
        return (table, vocabulary)
    }

    private static func text(_ bytes: Slice<UnsafeRawBufferPointer>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes), as: UTF8.self)
    }

    /// Calls `body` with each line of `bytes`, without its `\n` or `\r\n` ending.
    static func forEachLine(
        in bytes: UnsafeRawBufferPointer, _ body: (Slice<UnsafeRawBufferPointer>) throws -> Void
    ) rethrows {
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            try body(bytes[start..<lineEnd])
            start = end + 1
        }
    }
}
