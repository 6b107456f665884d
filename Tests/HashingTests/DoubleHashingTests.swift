import EmbeddingCompression
import Hashing
import Testing

@Suite struct DoubleHashingTests {
    let method = DoubleHashing()
    let dimension = 4

    func makeEmbedding(fraction: Double = 0.25, seed: UInt64 = 1) throws -> any TrainableEmbedding {
        try method.makeEmbedding(
            schema: smallSchema, dimension: dimension, budgetBytes: budget(fraction, schema: smallSchema, dimension: dimension),
            optimizer: adam, seed: seed)
    }

    @Test func forwardSumsTwoHashedRows() throws {
        let embedding = try makeEmbedding()
        let (fields, rows) = lookups(smallSchema)
        let output = forward(embedding, fields: fields, rows: rows)
        let hash = try uint64Section(try embedding.export(), "hash-parameters")
        #expect(hash.count == 4)
        // k = floor((budget - 32) / (2 * d * 4)) from the documented formula.
        let buckets = (budget(0.25, schema: smallSchema, dimension: dimension) - 32) / (2 * dimension * 4)
        let first = embedding.parameterTables[0], second = embedding.parameterTables[1]
        #expect(first.rowCount == buckets)
        #expect(second.rowCount == buckets)
        for (lookup, row) in rows.enumerated() {
            let bucket1 = referenceBucket(a: hash[0], b: hash[1], key: UInt64(row), buckets: buckets)
            let bucket2 = referenceBucket(a: hash[2], b: hash[3], key: UInt64(row), buckets: buckets)
            for column in 0..<dimension {
                let expected = first.values[bucket1 * dimension + column] + second.values[bucket2 * dimension + column]
                #expect(output[lookup * dimension + column] == expected)
            }
        }
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
        }
    }

    @Test func infeasibleBudgetNamesMinimum() throws {
        let minimum = method.minimumFootprint(schema: smallSchema, dimension: dimension)
        #expect(minimum == 32 + 2 * dimension * 4)
        #expect(throws: CompressionError.infeasibleBudget(method: "double-hashing", budgetBytes: minimum - 1, smallestFeasibleBytes: minimum)) {
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
