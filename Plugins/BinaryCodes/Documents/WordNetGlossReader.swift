import Foundation

/// Reads WordNet 3.0 glosses as labelled documents: one document per synset, its gloss as
/// text and its lexicographer file (45 categories such as `noun.animal`) as label.
///
/// Data file format (WordNet `wndb(5)`): lines that start with two spaces are the licence
/// header. Every other line is `synset_offset lex_filenum ss_type w_cnt word lex_id ... | gloss`,
/// fields separated by single spaces, with the gloss after the first ` | `.
public enum WordNetGlossReader {
    /// Data files of the Debian package wordnet-base.
    public static let defaultFiles = ["/usr/share/wordnet/data.noun", "/usr/share/wordnet/data.verb",
                                      "/usr/share/wordnet/data.adj", "/usr/share/wordnet/data.adv"]

    /// Lexicographer file names by number (WordNet `lexnames(5)`).
    public static let lexicographerFiles = [
        "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact",
        "noun.attribute", "noun.body", "noun.cognition", "noun.communication", "noun.event",
        "noun.feeling", "noun.food", "noun.group", "noun.location", "noun.motive", "noun.object",
        "noun.person", "noun.phenomenon", "noun.plant", "noun.possession", "noun.process",
        "noun.quantity", "noun.relation", "noun.shape", "noun.state", "noun.substance", "noun.time",
        "verb.body", "verb.change", "verb.cognition", "verb.communication", "verb.competition",
        "verb.consumption", "verb.contact", "verb.creation", "verb.emotion", "verb.motion",
        "verb.perception", "verb.possession", "verb.social", "verb.stative", "verb.weather", "adj.ppl",
    ]

    /// Reads every file in `paths`, in order.
    /// - Throws: `BinaryCodesError.invalidCorpus` naming the file and line when a file is
    ///   missing (install Debian's wordnet-base) or a line is not in the data file format.
    public static func read(paths: [String] = defaultFiles) throws -> [LabeledDocument] {
        var documents: [LabeledDocument] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw BinaryCodesError.invalidCorpus(path: path, reason: "cannot read the WordNet data file; install Debian's wordnet-base or pass --corpus FILE")
            }
            documents += try parse(data, source: path)
        }
        return documents
    }

    /// Parses one data file; `source` names it in errors.
    public static func parse(_ data: Data, source: String) throws -> [LabeledDocument] {
        // WordNet data files are ASCII in practice; Latin-1 decoding never fails, so stray
        // bytes cannot abort a run.
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw BinaryCodesError.invalidCorpus(path: source, reason: "cannot decode the file as text")
        }
        var documents: [LabeledDocument] = []
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            if line.isEmpty || line.hasPrefix("  ") { continue }
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, fields[0].allSatisfy(\.isNumber), let number = Int(fields[1]),
                  number >= 0, number < lexicographerFiles.count
            else {
                throw BinaryCodesError.invalidCorpus(
                    path: source, reason: "line \(lineNumber) is not `synset_offset lex_filenum ...` with lex_filenum 00 to 44")
            }
            guard let bar = line.range(of: " | ") else {
                throw BinaryCodesError.invalidCorpus(path: source, reason: "line \(lineNumber) has no gloss after ` | `")
            }
            let gloss = line[bar.upperBound...].trimmingCharacters(in: .whitespaces)
            documents.append(LabeledDocument(label: lexicographerFiles[number], text: gloss))
        }
        return documents
    }
}
