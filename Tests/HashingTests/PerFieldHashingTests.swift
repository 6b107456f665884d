import EmbeddingCompression
@testable import Hashing
import Testing

@Suite struct PerFieldHashingTests {
    let method = PerFieldHashing()
    let dimension = 4

    func makeEmbedding(fraction: Double = 0.25, seed: UInt64 = 1) throws -> any TrainableEmbedding {
        try method.makeEmbedding(
            schema: smallSchema, dimension: dimension, budgetBytes: budget(fraction, schema: smallSchema, dimension: dimension),
            optimizer: adam, seed: seed)
    }

    @Test func forwardReadsFieldsOwnHashedRow() throws {
        let embedding = try makeEmbedding()
        let (fields, rows) = lookups(smallSchema)
        let output = forward(embedding, fields: fields, rows: rows)
        let exported = try embedding.export()
        let hash = try uint64Section(exported, "hash-parameters")
        let tableStarts = try intSection(exported, "table-boundaries")
        let values = embedding.parameterTables[0].values
        for (lookup, row) in rows.enumerated() {
            let field = Int(fields[lookup])
            let local = Int(row) - smallSchema.fields[field].rowOffset
            let buckets = tableStarts[field + 1] - tableStarts[field]
            let bucket = buckets == smallSchema.fields[field].rowCount
                ? local : referenceBucket(a: hash[2 * field], b: hash[2 * field + 1], key: UInt64(local), buckets: buckets)
            let start = (tableStarts[field] + bucket) * dimension
            #expect(Array(output[(lookup * dimension)..<((lookup + 1) * dimension)]) == Array(values[start..<(start + dimension)]))
        }
    }

    @Test func rowsSplitInProportionToVocabulary() throws {
        // 80 rows total at 1/4 of d = 4: (80 * 16 / 4 - 16 * 4 - 16 * 5) / 16 = 11 rows.
        let buckets = try method.bucketCounts(
            schema: smallSchema, dimension: dimension, budgetBytes: budget(0.25, schema: smallSchema, dimension: dimension))
        #expect(buckets.reduce(0, +) <= 11)
        let shares = smallSchema.fields.map { 11.0 * Double($0.rowCount) / 80.0 }
        for (count, share) in zip(buckets, shares) {
            #expect(count >= 1)
            #expect(Double(count) > share - 1.0, "count \(count) for share \(share)")
            #expect(Double(count) < share + 1.0, "count \(count) for share \(share)")
        }
    }

    @Test func fullBudgetStoresFieldsUnhashed() throws {
        // Twice the Float32 bytes leaves more than n rows after the overhead.
        let buckets = try method.bucketCounts(
            schema: smallSchema, dimension: dimension, budgetBytes: smallSchema.totalRowCount * dimension * 4 * 2)
        #expect(buckets == smallSchema.fields.map(\.rowCount))
    }

    @Test func manySmallFieldsKeepOneRowEach() {
        // Ten fields of 1 row and one of 1,000 with 12 rows: the small fields' shares are
        // below 1 but each still gets a row, which leaves 2 for the large field.
        let counts = Array(repeating: 1, count: 10) + [1_000]
        let allocation = PerFieldHashing.allocate(rows: 12, fieldRowCounts: counts)
        #expect(allocation == Array(repeating: 1, count: 10) + [2])
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
        let fieldCount = smallSchema.fields.count
        let minimum = method.minimumFootprint(schema: smallSchema, dimension: dimension)
        #expect(minimum == fieldCount * (dimension * 4 + 16) + 2 * (fieldCount + 1) * 8)
        #expect(throws: CompressionError.infeasibleBudget(method: "per-field-hashing", budgetBytes: minimum - 1, smallestFeasibleBytes: minimum)) {
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
