import Foundation

/// Reads a corpus file with one document per line, `label<TAB>text`, UTF-8.
///
/// Blank lines are skipped. A line without a tab, or with an empty label, is an error that
/// names the line, because guessing a label would silently corrupt the evaluation.
public enum CorpusFileReader {
    /// - Throws: `BinaryCodesError.invalidCorpus` for a missing or unreadable file, bytes that
    ///   are not UTF-8, a file with no document, or a malformed line.
    public static func read(path: String) throws -> [LabeledDocument] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw BinaryCodesError.invalidCorpus(path: path, reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(data, source: path)
    }

    /// Parses file contents; `source` names the file in errors.
    public static func parse(_ data: Data, source: String) throws -> [LabeledDocument] {
        guard !data.isEmpty else {
            throw BinaryCodesError.invalidCorpus(path: source, reason: "the file is empty; give one `label<TAB>text` document per line")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BinaryCodesError.invalidCorpus(path: source, reason: "the file is not valid UTF-8; convert it (for example with iconv) and retry")
        }
        var documents: [LabeledDocument] = []
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            // Swift reads "\r\n" as one newline character, so no carriage return is left here.
            let trimmedLine = line
            if trimmedLine.allSatisfy(\.isWhitespace) { continue }
            guard let tab = trimmedLine.firstIndex(of: "\t") else {
                throw BinaryCodesError.invalidCorpus(path: source, reason: "line \(lineNumber) has no tab; expected `label<TAB>text`")
            }
            let label = trimmedLine[..<tab].trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty else {
                throw BinaryCodesError.invalidCorpus(path: source, reason: "line \(lineNumber) has an empty label before the tab")
            }
            documents.append(LabeledDocument(label: label, text: String(trimmedLine[trimmedLine.index(after: tab)...])))
        }
        guard !documents.isEmpty else {
            throw BinaryCodesError.invalidCorpus(path: source, reason: "the file has no documents, only blank lines")
        }
        return documents
    }
}
