import BinaryCodes
import EmbeddingCompression
import Foundation
import Testing

/// Lines in the format of WordNet 3.0 data files (`wndb(5)`): a licence header of lines
/// starting with two spaces, then one synset per line. The two synsets are shortened copies
/// of `entity` (noun.Tops, file 03) and `run` (verb.motion, file 38).
let wordNetSample = """
      1 This software and database is being provided to you, the LICENSEE, by
      2 Princeton University under the following license.
    00001740 03 n 01 entity 0 003 ~ 00001930 n 0000 ~ 00002137 n 0000 | that which is perceived or known or inferred to have its own distinct existence (living or nonliving)  
    01926311 38 v 02 run 0 scat 0 001 @ 01835496 v 0000 01 + 08 00 | move fast by using one's feet, with one foot off the ground at any given time; "Don't run--you'll be late"  

    """

@Suite("Document corpora")
struct DocumentCorpusTests {
    @Test("WordNet data lines give gloss and category")
    func wordNetParse() throws {
        let documents = try WordNetGlossReader.parse(Data(wordNetSample.utf8), source: "sample")
        #expect(documents.count == 2)
        #expect(documents[0].label == "noun.Tops")
        #expect(documents[0].text == "that which is perceived or known or inferred to have its own distinct existence (living or nonliving)")
        #expect(documents[1].label == "verb.motion")
        #expect(documents[1].text.hasPrefix("move fast by using one's feet"))
        #expect(WordNetGlossReader.lexicographerFiles.count == 45)
    }

    @Test("WordNet line without gloss is rejected")
    func wordNetMissingGloss() {
        let data = Data("00001740 03 n 01 entity 0 000\n".utf8)
        #expect(throws: BinaryCodesError.self) { try WordNetGlossReader.parse(data, source: "broken") }
    }

    @Test("WordNet category out of range is rejected")
    func wordNetBadCategory() {
        let data = Data("00001740 45 n 01 entity 0 000 | gloss\n".utf8)
        #expect(throws: BinaryCodesError.self) { try WordNetGlossReader.parse(data, source: "broken") }
    }

    @Test("tokeniser lowercases letter runs")
    func tokenise() {
        #expect(DocumentCorpus.tokenise("Don't run--you'll be LATE 2day!") == ["don", "t", "run", "you", "ll", "be", "late", "day"])
        #expect(DocumentCorpus.tokenise("") == [])
    }

    @Test("TSV corpus parses labels and text")
    func tsvParse() throws {
        let data = Data("sport\tthe match was won\r\n\n  \nnews\tan election was held\n".utf8)
        let documents = try CorpusFileReader.parse(data, source: "corpus.tsv")
        #expect(documents == [LabeledDocument(label: "sport", text: "the match was won"),
                              LabeledDocument(label: "news", text: "an election was held")])
    }

    @Test("empty corpus file is rejected")
    func emptyFile() {
        #expect(throws: BinaryCodesError.self) { try CorpusFileReader.parse(Data(), source: "empty.tsv") }
        #expect(throws: BinaryCodesError.self) { try CorpusFileReader.parse(Data("\n \n".utf8), source: "blank.tsv") }
    }

    @Test("non-UTF-8 corpus file is rejected")
    func notUTF8() {
        let data = Data([0x61, 0x09, 0xFF, 0xFE, 0x62, 0x0A])
        #expect(throws: BinaryCodesError.self) { try CorpusFileReader.parse(data, source: "latin.tsv") }
    }

    @Test("line without tab names its number")
    func missingTab() {
        let data = Data("a\tfine\nno tab here\n".utf8)
        do {
            _ = try CorpusFileReader.parse(data, source: "c.tsv")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("line 2"))
        }
    }

    @Test("missing corpus file is rejected")
    func missingFile() {
        #expect(throws: BinaryCodesError.self) { try CorpusFileReader.read(path: "/nonexistent/corpus.tsv") }
    }

    @Test("documents with no known word are skipped")
    func unknownWordsSkipped() throws {
        let documents = [
            LabeledDocument(label: "a", text: "red apple"), LabeledDocument(label: "a", text: "red cherry"),
            LabeledDocument(label: "b", text: "blue sky"), LabeledDocument(label: "b", text: "123 !!"),
            LabeledDocument(label: "b", text: "blue sea"),
        ]
        let corpus = try DocumentCorpus(documents: documents, minimumCount: 2, source: "test")
        #expect(corpus.vocabulary.sorted() == ["blue", "red"])
        #expect(corpus.documents.count == 4)
        #expect(corpus.skippedDocumentCount == 1)
        #expect(corpus.labelNames == ["a", "b"])
        #expect(corpus.documentLabels == [0, 0, 1, 1])
    }

    @Test("corpus with no known word is rejected")
    func noKnownWords() {
        let documents = [LabeledDocument(label: "a", text: "one"), LabeledDocument(label: "b", text: "two")]
        #expect(throws: BinaryCodesError.self) { try DocumentCorpus(documents: documents, minimumCount: 2, source: "test") }
        #expect(throws: BinaryCodesError.self) { try DocumentCorpus(documents: [], minimumCount: 1, source: "test") }
    }
}
