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
        var fields: [Range<Int>] = []
        var parser = DecimalParser()
        try forEachLine(in: file.bytes) { line in
            lineNumber += 1
            fields.removeAll(keepingCapacity: true)
            splitFields(line, into: &fields)
            if fields.isEmpty { return }
            let bytes = line.base
            if lineNumber == 1, fields.count == 2,
               let rows = Int(text(bytes, fields[0])), let columns = Int(text(bytes, fields[1])) {
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
            for index in 1..<fields.count {
                guard let value = parser.parse(bytes, fields[index]) else {
                    throw ReaderError.invalidLine(path: path, line: lineNumber, reason: "value \(index) '\(text(bytes, fields[index]))' is not a number")
                }
                if !allowNonFinite, !value.isFinite {
                    throw TableError.nonFiniteValue(source: "\(path):\(lineNumber)", row: vocabulary.count, column: index - 1, value: value)
                }
                values.append(value)
            }
            vocabulary.append(text(bytes, fields[0]))
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

    private static func text(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Appends the ranges of the space- or tab-separated fields of `line` to `fields`.
    private static func splitFields(_ line: Slice<UnsafeRawBufferPointer>, into fields: inout [Range<Int>]) {
        var index = line.startIndex
        while index < line.endIndex {
            while index < line.endIndex, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
            let start = index
            while index < line.endIndex, line[index] != 0x20, line[index] != 0x09 { index += 1 }
            if index > start { fields.append(start..<index) }
        }
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

/// Parses decimal numbers with the C library's `strtof`, several times faster than creating
/// a String per field. Fields are copied into a NUL-terminated buffer first, because the file
/// map has no terminator and `strtof` would otherwise read past the field.
private struct DecimalParser {
    private var buffer = [CChar](repeating: 0, count: 64)

    /// Parses the whole field `range` of `bytes`, returning nil when it is not a number.
    mutating func parse(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Float? {
        guard range.count < buffer.count else {
            return Float(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self))
        }
        return buffer.withUnsafeMutableBufferPointer { buffer in
            let start = buffer.baseAddress!
            UnsafeMutableRawPointer(start).copyMemory(from: bytes.baseAddress! + range.lowerBound, byteCount: range.count)
            start[range.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtof(start, &end)
            return end == start + range.count ? value : nil
        }
    }
}
