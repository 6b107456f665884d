import EmbeddingCompression
import Foundation
import FoundationXML
import Testing

@Suite struct SweepOutputTests {
    static func sampleRows() -> [SweepRow] {
        var baseline = SweepRow(table: "glove", method: "float32", budgetLabel: "1/1", budgetBytes: 8_000)
        baseline.footprintBytes = 8_000
        baseline.ratio = 1
        baseline.meanCosine = 1
        baseline.recallAt10 = 1
        var quantized = SweepRow(table: "glove", method: "int8-rowwise", parameters: "bits=8;scale=fp16", budgetLabel: "1/2", budgetBytes: 4_000)
        quantized.footprintBytes = 2_400
        quantized.ratio = 8_000.0 / 2_400
        quantized.compressSeconds = 0.012345
        quantized.relativeMSE = 1.25e-5
        quantized.meanCosine = 0.99991
        quantized.recallAt10 = 0.87
        quantized.wordsimSpearman = -0.1
        var failed = SweepRow(table: "glove", method: "lying", budgetLabel: "1/4", budgetBytes: 2_000, status: .overBudget)
        failed.message = "footprint, \"too big\"\nsecond line"
        let infeasible = SweepRow(table: "minilm", method: "int8-rowwise", budgetLabel: "100 B", budgetBytes: 100,
                                  status: .infeasible, message: "smallest feasible budget is 2400 bytes")
        return [baseline, quantized, failed, infeasible]
    }

    /// Splits RFC 4180 text into records of fields, written independently of the library.
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field)
                field = ""
            } else if character == "\r\n" || character == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.append(character)
            }
        }
        return records
    }

    @Test func csvParsesBack() throws {
        let rows = Self.sampleRows()
        let records = Self.parseCSV(SweepOutput.csv(rows: rows))
        #expect(records.count == rows.count + 1)
        #expect(records[0] == SweepRow.columnNames)
        for (record, row) in zip(records.dropFirst(), rows) {
            #expect(record.count == SweepRow.columnNames.count)
            let fields = Dictionary(uniqueKeysWithValues: zip(SweepRow.columnNames, record))
            #expect(fields["method"] == row.method)
            #expect(fields["parameters"] == row.parameters)
            #expect(fields["message"] == row.message)
            #expect(fields["status"] == row.status.rawValue)
            #expect(fields["budget_bytes"] == String(row.budgetBytes))
            #expect(fields["mean_cosine"].flatMap(Double.init) == row.meanCosine)
            #expect(fields["relative_mse"].flatMap(Double.init) == row.relativeMSE)
            #expect(fields["auc"] == "")
        }
    }

    @Test func jsonDecodesBack() throws {
        let rows = Self.sampleRows()
        let text = SweepOutput.json(rows: rows)
        let decoded = try JSONDecoder().decode([SweepRow].self, from: Data(text.utf8))
        #expect(decoded == rows)

        // Every object carries every column, with null for what was not measured.
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        for object in objects {
            #expect(Set(object.keys) == Set(SweepRow.columnNames))
            #expect(object["auc"] is NSNull)
        }
    }

    @Test func jsonWritesNonFiniteAsNull() throws {
        var row = SweepRow(table: "t", method: "m", budgetLabel: "1/2", budgetBytes: 10)
        row.relativeMSE = .infinity
        row.meanCosine = .nan
        let decoded = try JSONDecoder().decode([SweepRow].self, from: Data(SweepOutput.json(rows: [row]).utf8))
        #expect(decoded[0].relativeMSE == nil)
        #expect(decoded[0].meanCosine == nil)
    }

    @Test func svgIsWellFormedWithOneSeriesPerMethod() throws {
        var rows = Self.sampleRows()
        var int4 = SweepRow(table: "glove", method: "int4-rowwise", budgetLabel: "1/4", budgetBytes: 2_000)
        int4.footprintBytes = 1_400
        int4.meanCosine = 0.98
        rows.append(int4)
        let svg = SweepOutput.svgChart(rows: rows, qualityColumns: ["mean_cosine", "recall_at_10", "auc"])
        let document = try XMLDocument(xmlString: svg)
        let root = try #require(document.rootElement())
        #expect(root.name == "svg")
        #expect(root.uri == "http://www.w3.org/2000/svg")

        // Panels: glove mean_cosine (3 ok points) and glove recall_at_10 (2); auc has no data.
        let circles = try document.nodes(forXPath: "//*[local-name()='circle']")
        #expect(circles.count == 5)
        let texts = try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(texts.contains("glove: mean_cosine"))
        #expect(texts.contains("glove: recall_at_10"))
        #expect(!texts.contains { $0.contains("auc") })
        for method in ["float32", "int8-rowwise", "int4-rowwise"] { #expect(texts.contains(method)) }
        #expect(!texts.contains("lying"), "only ok rows are plotted")
        #expect(texts.contains("footprint (bytes, log scale)"))
    }

    @Test func alignedTableLinesUpColumns() throws {
        let text = SweepOutput.alignedTable(rows: Self.sampleRows(), columns: ["method", "budget", "mean_cosine", "status"])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0].hasPrefix("method"))
        #expect(lines[3].contains("0.9999"))
        // The status column starts at the same offset on every line.
        let offset = lines[0].distance(from: lines[0].startIndex, to: try #require(lines[0].range(of: "status")).lowerBound)
        let statuses = lines.dropFirst(2).map { String($0.dropFirst(offset)) }
        #expect(statuses == ["ok", "ok", "over_budget", "infeasible"])
    }

    @Test func writeCreatesAllThreeFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-output-\(UInt32.random(in: 0...UInt32.max))/nested")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let urls = try SweepOutput.write(rows: Self.sampleRows(), name: "sweep", folder: folder, qualityColumns: ["mean_cosine"])
        #expect(urls.map(\.lastPathComponent) == ["sweep.csv", "sweep.json", "sweep.svg"])
        for url in urls { #expect(FileManager.default.fileExists(atPath: url.path)) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }
}
