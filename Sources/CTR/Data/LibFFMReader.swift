import Foundation

/// Reads a click log in libffm's text format: one sample per line,
/// `label field:feature:value field:feature:value ...`, separated by spaces.
///
/// `field` is a non-negative integer; the fields are named `f0`, `f1`, ... up to the largest
/// field index in the file. `feature` is kept as a string category of its field and `value`
/// (a number, usually 1) multiplies its embedding. A field that appears more than once in some
/// sample is multi-valued and its values are mean-pooled.
public enum LibFFMReader {
    /// Reads the file at `path`.
    /// - Throws: `CTRDataError` naming the file and line of the first bad row:
    ///   a label other than 0 or 1, a term that is not `field:feature:value`, a non-numeric field or value.
    public static func read(path: String) throws -> ClickLog {
        let file = try TextFile(path: path)
        var labels: [Float] = []
        var terms: [(field: Int, feature: String, value: Float)] = []
        var sampleOffsets = [0]
        var fieldCount = 0
        var multiValued: Set<Int> = []
        for (lineIndex, line) in file.lines.enumerated() {
            let lineNumber = lineIndex + 1
            let parts = line.split(separator: " ")
            guard let labelText = parts.first else {
                throw CTRDataError.invalidLabel(path: path, line: lineNumber, text: "")
            }
            labels.append(try CriteoReader.parseLabel(labelText, path: path, line: lineNumber))
            var seenFields: Set<Int> = []
            for term in parts.dropFirst() {
                let pieces = term.split(separator: ":", omittingEmptySubsequences: false)
                guard pieces.count == 3 else {
                    throw CTRDataError.malformedTerm(path: path, line: lineNumber, term: String(term))
                }
                guard let field = Int(pieces[0]), field >= 0 else {
                    throw CTRDataError.invalidValue(path: path, line: lineNumber, column: "field index", text: String(pieces[0]))
                }
                guard let value = Float(pieces[2]), value.isFinite else {
                    throw CTRDataError.invalidValue(path: path, line: lineNumber, column: "value", text: String(pieces[2]))
                }
                if !seenFields.insert(field).inserted { multiValued.insert(field) }
                fieldCount = max(fieldCount, field + 1)
                terms.append((field, String(pieces[1]), value))
            }
            sampleOffsets.append(terms.count)
        }
        guard !labels.isEmpty else { throw CTRDataError.noRows(path: path) }

        let names = (0..<fieldCount).map { "f\($0)" }
        var log = ClickLog(source: URL(fileURLWithPath: path).lastPathComponent, fieldNames: names,
                           isMultiValued: (0..<fieldCount).map { multiValued.contains($0) })
        for sample in 0..<labels.count {
            for term in terms[sampleOffsets[sample]..<sampleOffsets[sample + 1]] {
                log.appendToken(term.feature, field: term.field, value: term.value)
            }
            log.finishSample(label: labels[sample])
        }
        return log
    }
}
