import EmbeddingCompression
import Hashing
import Testing

@Suite struct HashingTrickTests {
    let method = HashingTrick()
    let dimension = 4

    func makeEmbedding(fraction: Double = 0.25, schema: FeatureSchema = smallSchema, seed: UInt64 = 1) throws -> any TrainableEmbedding {
        try method.makeEmbedding(
            schema: schema, dimension: dimension, budgetBytes: budget(fraction, schema: schema, dimension: dimension),
            optimizer: adam, seed: seed)
    }

    @Test func forwardReadsHashedRow() throws {
        let embedding = try makeEmbedding()
        let (fields, rows) = lookups(smallSchema)
        let output = forward(embedding, fields: fields, rows: rows)
        let hash = try uint64Section(try embedding.export(), "hash-parameters")
        let table = embedding.parameterTables[0]
        // k = floor((budget - 16) / (d * 4)) from the documented formula.
        let buckets = (budget(0.25, schema: smallSchema, dimension: dimension) - 16) / (dimension * 4)
        #expect(table.rowCount == buckets)
        for (lookup, row) in rows.enumerated() {
            let bucket = referenceBucket(a: hash[0], b: hash[1], key: UInt64(row), buckets: buckets)
            let expected = Array(table.values[(bucket * dimension)..<((bucket + 1) * dimension)])
            #expect(Array(output[(lookup * dimension)..<((lookup + 1) * dimension)]) == expected)
        }
    }

    @Test func fullBudgetStoresRowsUnhashed() throws {
        // The full table plus the hash parameters fits exactly n rows.
        let budgetBytes = smallSchema.totalRowCount * dimension * 4 + 16
        let embedding = try method.makeEmbedding(
            schema: smallSchema, dimension: dimension, budgetBytes: budgetBytes, optimizer: adam, seed: 1)
        let (fields, rows) = lookups(smallSchema, extra: 0)
        let output = forward(embedding, fields: fields, rows: rows)
        #expect(output == embedding.parameterTables[0].values)
    }

    @Test func gradientMatchesFiniteDifferences() throws {
        let embedding = try makeEmbedding()
        let (fields, rows) = lookups(smallSchema)
        checkGradients(embedding, fields: fields, rows: rows)
    }

    @Test func footprintIsBufferBytesWithinBudget() throws {
        for fraction in budgetFractions {
            let budgetBytes = budget(fraction, schema: largeSchema, dimension: 8)
            let embedding = try method.makeEmbedding(
                schema: largeSchema, dimension: 8, budgetBytes: budgetBytes, optimizer: adam, seed: 1)
            let exported = try embedding.export()
            #expect(embedding.footprintBytes == sectionBytes(exported))
            #expect(exported.footprintBytes == embedding.footprintBytes)
            #expect(embedding.footprintBytes <= budgetBytes)
            #expect(embedding.footprintBytes > budgetBytes - 8 * 4, "budget \(budgetBytes) leaves a whole row unused")
        }
    }

    @Test func infeasibleBudgetNamesMinimum() throws {
        let minimum = method.minimumFootprint(schema: smallSchema, dimension: dimension)
        #expect(minimum == 16 + dimension * 4)
        #expect(throws: CompressionError.infeasibleBudget(method: "hashing-trick", budgetBytes: minimum - 1, smallestFeasibleBytes: minimum)) {
            _ = try method.makeEmbedding(schema: smallSchema, dimension: dimension, budgetBytes: minimum - 1, optimizer: adam, seed: 1)
        }
        let smallest = try method.makeEmbedding(schema: smallSchema, dimension: dimension, budgetBytes: minimum, optimizer: adam, seed: 1)
        #expect(smallest.footprintBytes == minimum)
    }

    @Test func exportRoundTripMatchesForward() throws {
        var registry = MethodRegistry()
        HashingPlugin.register(into: &registry)
        let embedding = try makeEmbedding()
        let (fields, rows) = lookups(smallSchema)
        trainOneStep(embedding, fields: fields, rows: rows)
        try checkRoundTrip(embedding, schema: smallSchema, registry: registry)
    }

    @Test func seedDeterminesLayer() throws {
        let (fields, rows) = lookups(smallSchema)
        let first = forward(try makeEmbedding(seed: 9), fields: fields, rows: rows)
        let second = forward(try makeEmbedding(seed: 9), fields: fields, rows: rows)
        let other = forward(try makeEmbedding(seed: 10), fields: fields, rows: rows)
        #expect(first == second)
        #expect(first != other)
    }
}
