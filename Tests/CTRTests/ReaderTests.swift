@testable import CTR
import Foundation
import Testing

@Suite struct MovieLensReaderTests {
    static let users = "user_id:token\tage:token\tgender:token\toccupation:token\tzip_code:token\n1\t24\tM\ttechnician\t85711\n2\t53\tF\tother\tT8H1N\n"
    static let items = "item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq\n10\tToy Story\t1995\tAnimation Children's Comedy\n20\tOld One\t\tDrama\n"

    func writeFolder(interactions: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        _ = try folder.write("ml-100k.user", Self.users)
        _ = try folder.write("ml-100k.item", Self.items)
        _ = try folder.write("ml-100k.inter", interactions)
        return folder
    }

    @Test func readsFieldsAndClicks() throws {
        // Columns in another order than RecBole writes them: the reader finds them by name.
        let folder = try writeFolder(interactions: "item_id:token\tuser_id:token\trating:float\ttimestamp:float\n10\t1\t4\t5\n20\t2\t3.5\t6\n")
        let log = try MovieLensReader.read(folder: folder.path)
        #expect(log.fieldNames == MovieLensReader.fieldNames)
        #expect(log.labels == [1, 0])
        let first = Array(log.tokens[log.sampleOffsets[0]..<log.sampleOffsets[1]])
        #expect(first == ["1", "10", "24", "M", "technician", "857", "Animation", "Children's", "Comedy", "1990"])
        let second = Array(log.tokens[log.sampleOffsets[1]..<log.sampleOffsets[2]])
        #expect(second == ["2", "20", "53", "F", "other", "T8H", "Drama", ""])
        #expect(log.isMultiValued == [false, false, false, false, false, false, true, false])
        let genreFields = log.tokenFields[6...8]
        #expect(genreFields.allSatisfy { $0 == 6 })
    }

    @Test func unknownUserNamesLine() throws {
        let folder = try writeFolder(interactions: "user_id:token\titem_id:token\trating:float\ttimestamp:float\n1\t10\t4\t5\n9\t10\t4\t5\n")
        #expect(throws: CTRDataError.unknownReference(path: folder.path + "/ml-100k.inter", line: 3, column: "user_id", value: "9")) {
            try MovieLensReader.read(folder: folder.path)
        }
    }

    @Test func nonNumericRatingNamesLine() throws {
        let folder = try writeFolder(interactions: "user_id:token\titem_id:token\trating:float\ttimestamp:float\n1\t10\tgood\t5\n")
        #expect(throws: CTRDataError.invalidLabel(path: folder.path + "/ml-100k.inter", line: 2, text: "good")) {
            try MovieLensReader.read(folder: folder.path)
        }
    }

    @Test func headerOnlyHasNoRows() throws {
        let folder = try writeFolder(interactions: "user_id:token\titem_id:token\trating:float\ttimestamp:float\n")
        #expect(throws: CTRDataError.noRows(path: folder.path + "/ml-100k.inter")) {
            try MovieLensReader.read(folder: folder.path)
        }
    }

    @Test func missingFileIsUnreadable() throws {
        let folder = try TemporaryFolder()
        do {
            _ = try MovieLensReader.read(folder: folder.path)
            Issue.record("reading an empty folder succeeded")
        } catch let error as CTRDataError {
            #expect(error.description.contains(folder.path + "/ml-100k.user"))
        }
    }

    @Test func decadeOfYear() {
        #expect(MovieLensReader.decade(ofYear: "1995") == "1990")
        #expect(MovieLensReader.decade(ofYear: "2000") == "2000")
        #expect(MovieLensReader.decade(ofYear: "") == "")
    }
}

@Suite struct CriteoReaderTests {
    static func row(label: String, integers: [String], categories: [String]) -> String {
        ([label] + integers + categories).joined(separator: "\t")
    }

    static let integers = ["1", "", "100", "-1", "3", "0", "2", "7", "", "", "", "", "1000"]
    static let categories = (0..<26).map { $0 == 4 ? "" : "c\($0)" }

    @Test func readsAndBucketsIntegers() throws {
        let folder = try TemporaryFolder()
        let text = Self.row(label: "1", integers: Self.integers, categories: Self.categories) + "\n"
            + Self.row(label: "0", integers: Self.integers, categories: Self.categories) + "\n"
        let log = try CriteoReader.read(path: try folder.write("day.tsv", text))
        #expect(log.sampleCount == 2)
        #expect(log.labels == [1, 0])
        #expect(log.fieldNames.count == 39)
        let tokens = Array(log.tokens[0..<39])
        // floor(ln(100)^2) = floor(21.21) = 21; floor(ln(3)^2) = 1; floor(ln(7)^2) = 3; floor(ln(1000)^2) = 47.
        #expect(Array(tokens[0..<13]) == ["1", "", "b21", "-1", "b1", "0", "2", "b3", "", "", "", "", "b47"])
        #expect(tokens[13] == "c0")
        #expect(tokens[17] == "")
    }

    @Test func bucketMatchesFormula() {
        for value in [3, 10, 55, 12_345, 1_000_000] {
            let expected = Int(floor(pow(log(Double(value)), 2)))
            #expect(CriteoReader.bucket(integerText: Substring(String(value))) == "b\(expected)")
        }
        #expect(CriteoReader.bucket(integerText: "x7") == nil)
    }

    @Test func wrongColumnCountNamesLine() throws {
        let folder = try TemporaryFolder()
        let good = Self.row(label: "1", integers: Self.integers, categories: Self.categories)
        let path = try folder.write("bad.tsv", good + "\n" + "1\t2\t3\n")
        #expect(throws: CTRDataError.wrongColumnCount(path: path, line: 2, found: 3, expected: 40)) {
            try CriteoReader.read(path: path)
        }
    }

    @Test func nonNumericLabelNamesLine() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("bad.tsv", Self.row(label: "yes", integers: Self.integers, categories: Self.categories) + "\n")
        #expect(throws: CTRDataError.invalidLabel(path: path, line: 1, text: "yes")) {
            try CriteoReader.read(path: path)
        }
    }

    @Test func nonIntegerFeatureNamesColumn() throws {
        let folder = try TemporaryFolder()
        var integers = Self.integers
        integers[2] = "1.5"
        let path = try folder.write("bad.tsv", Self.row(label: "0", integers: integers, categories: Self.categories) + "\n")
        #expect(throws: CTRDataError.invalidValue(path: path, line: 1, column: "I3", text: "1.5")) {
            try CriteoReader.read(path: path)
        }
    }

    @Test func emptyFileHasNoRows() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("empty.tsv", "")
        #expect(throws: CTRDataError.noRows(path: path)) { try CriteoReader.read(path: path) }
    }
}

@Suite struct LibFFMReaderTests {
    @Test func windowsLineEndingsAreRead() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("crlf.ffm", "1 0:u1:1 2:g1:1\r\n0 1:i7:0.5\r\n")
        let log = try LibFFMReader.read(path: path)
        #expect(log.labels == [1, 0])
        #expect(log.tokens == ["u1", "g1", "i7"])
        #expect(log.tokenValues == [1, 1, 0.5])
    }

    @Test func readsFieldsValuesAndMultiValuedFields() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("train.ffm", "1 0:u1:1 2:g1:1 2:g2:0.5\n0 1:i7:1 0:u2:1\n")
        let log = try LibFFMReader.read(path: path)
        #expect(log.fieldNames == ["f0", "f1", "f2"])
        #expect(log.isMultiValued == [false, false, true])
        #expect(log.labels == [1, 0])
        #expect(log.tokens == ["u1", "g1", "g2", "i7", "u2"])
        #expect(log.tokenFields == [0, 2, 2, 1, 0])
        #expect(log.tokenValues == [1, 1, 0.5, 1, 1])
        #expect(log.sampleOffsets == [0, 3, 5])
    }

    @Test func malformedTermNamesLine() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("bad.ffm", "1 0:u1:1\n0 0:u2\n")
        #expect(throws: CTRDataError.malformedTerm(path: path, line: 2, term: "0:u2")) {
            try LibFFMReader.read(path: path)
        }
    }

    @Test func nonNumericFieldAndLabel() throws {
        let folder = try TemporaryFolder()
        let badField = try folder.write("field.ffm", "1 x:u1:1\n")
        #expect(throws: CTRDataError.invalidValue(path: badField, line: 1, column: "field index", text: "x")) {
            try LibFFMReader.read(path: badField)
        }
        let badLabel = try folder.write("label.ffm", "0 0:a:1\nclick 0:u1:1\n")
        #expect(throws: CTRDataError.invalidLabel(path: badLabel, line: 2, text: "click")) {
            try LibFFMReader.read(path: badLabel)
        }
    }

    @Test func emptyFileHasNoRows() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("empty.ffm", "")
        #expect(throws: CTRDataError.noRows(path: path)) { try LibFFMReader.read(path: path) }
    }
}
