import EmbeddingCompression
import Hashing
import Testing

@Suite struct FrequencyDoubleHashingTests {
    let method = FrequencyDoubleHashing()
    let dimension = 4
    /// `smallSchema` with uneven, tied counts: every seventh row is frequent.
    let schema = FeatureSchema(
        fields: smallSchema.fields,
        frequencies: (0..<smallSchema.totalRowCount).map { ($0 * 37) % 11 + ($0 % 7 == 0 ? 100 : 0) })

    func makeEmbedding(fraction: Double = 0.25, seed: UInt64 = 1) throws -> any TrainableEmbedding {
        try method.makeEmbedding(
            schema: schema, dimension: dimension, budgetBytes: budget(fraction, schema: schema, dimension: dimension),
            optimizer: adam, seed: seed)
    }

    @Test func forwardUsesOwnRowsOrHashedSum() throws {
        let embedding = try makeEmbedding()
        let (fields, rows) = lookups(schema)
        let output = forward(embedding, fields: fields, rows: rows)
        let hash = try uint64Section(try embedding.export(), "hash-parameters")
        let frequentTable = embedding.parameterTables[0]
        let first = embedding.parameterTables[1], second = embedding.parameterTables[2]

        // f and k from the documented formulas with frequent-share 0.5.
        let available = budget(0.25, schema: schema, dimension: dimension) - 32
        let frequentCount = Int(0.5 * Double(available)) / (dimension * 4 + 4)
        let buckets = (available - frequentCount * (dimension * 4 + 4)) / (2 * dimension * 4)
        #expect(frequentTable.rowCount == frequentCount)
        #expect(first.rowCount == buckets)

        // The most frequent rows, ties to the lower row, stored in increasing row order.
        let ranked = (0..<schema.totalRowCount).sorted {
            schema.frequencies[$0] != schema.frequencies[$1] ? schema.frequencies[$0] > schema.frequencies[$1] : $0 < $1
        }
        let frequentRows = Array(ranked.prefix(frequentCount)).sorted()
        for (lookup, row) in rows.map({ Int($0) }).enumerated() {
            let actual = Array(output[(lookup * dimension)..<((lookup + 1) * dimension)])
            if let position = frequentRows.firstIndex(of: row) {
                #expect(actual == Array(frequentTable.values[(position * dimension)..<((position + 1) * dimension)]))
                continue
            }
            let bucket1 = referenceBucket(a: hash[0], b: hash[1], key: UInt64(row), buckets: buckets)
            let bucket2 = referenceBucket(a: hash[2], b: hash[3], key: UInt64(row), buckets: buckets)
            let expected = (0..<dimension).map { first.values[bucket1 * dimension + $0] + second.values[bucket2 * dimension + $0] }
            #expect(actual == expected)
        }
    }

    @Test func gradientMatchesFiniteDifferences() throws {
        let embedding = try makeEmbedding()
        let (fields, rows) = lookups(schema)
        checkGradients(embedding, fields: fields, rows: rows)
    }

    @Test func footprintIsBufferBytesWithinBudget() throws {
        let large = FeatureSchema(fields: largeSchema.fields, frequencies: (0..<largeSchema.totalRowCount).map { $0 % 97 })
        for fraction in budgetFractions {
            let budgetBytes = budget(fraction, schema: large, dimension: 8)
            let embedding = try method.makeEmbedding(
                schema: large, dimension: 8, budgetBytes: budgetBytes, optimizer: adam, seed: 1)
            let exported = try embedding.export()
            #expect(embedding.footprintBytes == sectionBytes(exported))
            #expect(exported.footprintBytes == embedding.footprintBytes)
            #expect(embedding.footprintBytes <= budgetBytes)
        }
    }

    @Test func infeasibleBudgetNamesMinimum() throws {
        let minimum = method.minimumFootprint(schema: schema, dimension: dimension)
        #expect(minimum == 32 + 2 * dimension * 4)
        #expect(throws: CompressionError.infeasibleBudget(method: "frequency-double-hashing", budgetBytes: minimum - 1, smallestFeasibleBytes: minimum)) {
            _ = try method.makeEmbedding(schema: schema, dimension: dimension, budgetBytes: minimum - 1, optimizer: adam, seed: 1)
        }
        let smallest = try method.makeEmbedding(schema: schema, dimension: dimension, budgetBytes: minimum, optimizer: adam, seed: 1)
        #expect(smallest.footprintBytes == minimum)
    }

    @Test func missingFrequenciesAreRejected() {
        #expect(throws: CompressionError.self) {
            _ = try method.makeEmbedding(schema: smallSchema, dimension: dimension, budgetBytes: 1_000, optimizer: adam, seed: 1)
        }
    }

    @Test func exportRoundTripMatchesForward() throws {
        var registry = MethodRegistry()
        HashingPlugin.register(into: &registry)
        let embedding = try makeEmbedding()
        let (fields, rows) = lookups(schema)
        trainOneStep(embedding, fields: fields, rows: rows)
        try checkRoundTrip(embedding, schema: schema, registry: registry)
    }

    @Test func seedDeterminesLayer() throws {
        let (fields, rows) = lookups(schema)
        let first = forward(try makeEmbedding(seed: 9), fields: fields, rows: rows)
        let second = forward(try makeEmbedding(seed: 9), fields: fields, rows: rows)
        let other = forward(try makeEmbedding(seed: 10), fields: fields, rows: rows)
        #expect(first == second)
        #expect(first != other)
    }
}
