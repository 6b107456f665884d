import CTR
import EmbeddingCompression
import Testing

@Suite struct ClickDatasetTests {
    @Test func splitIsEightyTenTen() throws {
        let dataset = try ClickDataset(log: generatedClickLog(sampleCount: 1000), seed: 5)
        #expect(dataset.train.count == 800)
        #expect(dataset.validation.count == 100)
        #expect(dataset.test.count == 100)
    }

    @Test func sameSeedSameSplit() throws {
        let log = generatedClickLog(sampleCount: 500)
        let first = try ClickDataset(log: log, seed: 11)
        let second = try ClickDataset(log: log, seed: 11)
        let other = try ClickDataset(log: log, seed: 12)
        #expect(first.test.lookupRows == second.test.lookupRows)
        #expect(first.train.labels == second.train.labels)
        #expect(first.test.lookupRows != other.test.lookupRows)
    }

    @Test func schemaOffsetsAndFrequencies() throws {
        let log = generatedClickLog(sampleCount: 600)
        let dataset = try ClickDataset(log: log)
        let fields = dataset.schema.fields
        #expect(fields.map(\.name) == ["a", "b", "tags"])
        #expect(fields.map(\.isMultiValued) == [false, false, true])
        // Every value appears in 480 training samples, plus one out-of-vocabulary row per field.
        #expect(fields.map(\.rowCount) == [13, 9, 6])
        #expect(fields.map(\.rowOffset) == [0, 13, 22])
        #expect(dataset.schema.frequencies.count == 28)
        #expect(dataset.schema.frequencies.reduce(0, +) == dataset.train.lookupRows.count)
        // Rows of a field are sorted by training count, most frequent first.
        let aCounts = Array(dataset.schema.frequencies[1..<13])
        #expect(aCounts == aCounts.sorted(by: >))
        for (field, row) in zip(dataset.test.lookupFields, dataset.test.lookupRows) {
            let range = fields[Int(field)].rowOffset..<(fields[Int(field)].rowOffset + fields[Int(field)].rowCount)
            #expect(range.contains(Int(row)))
        }
    }

    @Test func minimumCountMapsRareValuesToOutOfVocabularyRow() throws {
        var log = ClickLog(source: "tiny", fieldNames: ["x"], isMultiValued: [false])
        // "common" 18 times, "rare" twice; with 20 samples the training part has 16.
        for index in 0..<20 {
            log.appendToken(index % 10 == 3 ? "rare" : "common", field: 0)
            log.finishSample(label: Float(index % 2))
        }
        let dataset = try ClickDataset(log: log, minimumCount: 3, seed: 1)
        #expect(dataset.vocabularies[0] == [ClickDataset.outOfVocabularyToken, "common"])
        let rareInTraining = dataset.train.lookupRows.filter { $0 == 0 }.count
        #expect(dataset.schema.frequencies[0] == rareInTraining)
        #expect(dataset.schema.frequencies[1] == dataset.train.count - rareInTraining)
    }

    @Test func multiValuedWeightsAreMeans() throws {
        let dataset = try ClickDataset(log: generatedClickLog(sampleCount: 200))
        let train = dataset.train
        for sample in 0..<train.count {
            var weightSum: [Int32: Float] = [:]
            for lookup in train.sampleOffsets[sample]..<train.sampleOffsets[sample + 1] {
                weightSum[train.lookupFields[lookup], default: 0] += train.lookupWeights[lookup]
            }
            #expect(weightSum.values.allSatisfy { abs($0 - 1) < 1e-6 })
        }
    }

    @Test func tooFewSamplesIsAnError() {
        var log = ClickLog(source: "two", fieldNames: ["x"], isMultiValued: [false])
        for _ in 0..<2 {
            log.appendToken("v", field: 0)
            log.finishSample(label: 1)
        }
        #expect(throws: CTRDataError.self) { try ClickDataset(log: log) }
    }
}
