import EmbeddingCompression

/// A click log split into training, validation and test samples, with per-field vocabularies
/// built on the training samples and the schema of the stacked feature table.
///
/// Row layout of each field: local row 0 is the out-of-vocabulary row, which every value seen
/// fewer than `minimumCount` times in training (and every value first seen in validation or
/// test) maps to; rows 1... are the kept values, most frequent first (ties by value).
public struct ClickDataset: Sendable {
    /// Name used in result rows, for example `movielens-100k`.
    public let name: String
    /// Fields with row offsets, and the training count of every row.
    public let schema: FeatureSchema
    /// The value of each local row per field; local row 0 is `outOfVocabularyToken`.
    public let vocabularies: [[String]]
    public let train: EncodedClicks
    public let validation: EncodedClicks
    public let test: EncodedClicks

    public static let outOfVocabularyToken = "<oov>"

    /// Splits `log` with a seeded shuffle into `trainFraction`, `validationFraction` and the
    /// rest, builds vocabularies on the training part and encodes all three parts.
    ///
    /// - Parameter minimumCount: training occurrences a value needs for a row of its own.
    /// - Throws: `CTRDataError.invalidSetting` when a fraction is out of range, `minimumCount < 1`,
    ///   or the log is too small for every part to get a sample.
    public init(log: ClickLog, minimumCount: Int = 1, seed: UInt64 = 42,
                trainFraction: Double = 0.8, validationFraction: Double = 0.1) throws {
        guard minimumCount >= 1 else {
            throw CTRDataError.invalidSetting(name: "minimum count", value: String(minimumCount), reason: "give 1 or more")
        }
        guard trainFraction > 0, validationFraction > 0, trainFraction + validationFraction < 1 else {
            throw CTRDataError.invalidSetting(
                name: "split", value: "\(trainFraction)/\(validationFraction)",
                reason: "training and validation fractions must be positive and leave a test part")
        }
        let sampleCount = log.sampleCount
        let trainCount = Int((Double(sampleCount) * trainFraction).rounded(.down))
        let validationCount = Int((Double(sampleCount) * validationFraction).rounded(.down))
        guard trainCount > 0, validationCount > 0, sampleCount - trainCount - validationCount > 0 else {
            throw CTRDataError.invalidSetting(
                name: "click log", value: log.source,
                reason: "\(sampleCount) samples are too few to give every split part a sample")
        }

        // Fisher-Yates with a seeded generator: the same seed gives the same split everywhere.
        var order = Array(0..<sampleCount)
        var generator = SplitMix64(seed: seed)
        for position in stride(from: sampleCount - 1, to: 0, by: -1) {
            let other = Int(generator.next() % UInt64(position + 1))
            order.swapAt(position, other)
        }
        let trainSamples = order[0..<trainCount]
        let validationSamples = order[trainCount..<(trainCount + validationCount)]
        let testSamples = order[(trainCount + validationCount)...]

        let fieldCount = log.fieldNames.count
        var counts = [[String: Int]](repeating: [:], count: fieldCount)
        for sample in trainSamples {
            for token in log.sampleOffsets[sample]..<log.sampleOffsets[sample + 1] {
                counts[Int(log.tokenFields[token])][log.tokens[token], default: 0] += 1
            }
        }

        var fields: [FeatureSchema.Field] = []
        var frequencies: [Int] = []
        var vocabularies: [[String]] = []
        var localRows: [[String: Int32]] = []
        var offset = 0
        for field in 0..<fieldCount {
            let kept = counts[field].filter { $0.value >= minimumCount }
                .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            let droppedCount = counts[field].values.reduce(0) { $1 < minimumCount ? $0 + $1 : $0 }
            var rowOf: [String: Int32] = [:]
            for (position, entry) in kept.enumerated() { rowOf[entry.key] = Int32(position + 1) }
            vocabularies.append([Self.outOfVocabularyToken] + kept.map(\.key))
            frequencies.append(droppedCount)
            frequencies.append(contentsOf: kept.map(\.value))
            localRows.append(rowOf)
            fields.append(FeatureSchema.Field(name: log.fieldNames[field], rowOffset: offset,
                                              rowCount: kept.count + 1, isMultiValued: log.isMultiValued[field]))
            offset += kept.count + 1
        }

        name = log.source
        schema = FeatureSchema(fields: fields, frequencies: frequencies)
        self.vocabularies = vocabularies
        train = Self.encode(log, samples: trainSamples, fields: fields, localRows: localRows)
        validation = Self.encode(log, samples: validationSamples, fields: fields, localRows: localRows)
        test = Self.encode(log, samples: testSamples, fields: fields, localRows: localRows)
    }

    static func encode(_ log: ClickLog, samples: ArraySlice<Int>, fields: [FeatureSchema.Field],
                       localRows: [[String: Int32]]) -> EncodedClicks {
        var encoded = EncodedClicks()
        var valuesInField = [Int](repeating: 0, count: fields.count)
        for sample in samples {
            let range = log.sampleOffsets[sample]..<log.sampleOffsets[sample + 1]
            for token in range { valuesInField[Int(log.tokenFields[token])] += 1 }
            for token in range {
                let field = Int(log.tokenFields[token])
                let localRow = localRows[field][log.tokens[token]] ?? 0
                encoded.lookupFields.append(Int32(field))
                encoded.lookupRows.append(Int32(fields[field].rowOffset) + localRow)
                encoded.lookupWeights.append(log.tokenValues[token] / Float(valuesInField[field]))
            }
            for token in range { valuesInField[Int(log.tokenFields[token])] = 0 }
            encoded.labels.append(log.labels[sample])
            encoded.sampleOffsets.append(encoded.lookupRows.count)
        }
        return encoded
    }
}
