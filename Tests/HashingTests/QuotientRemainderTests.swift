import EmbeddingCompression
import Hashing
import Testing

@Suite struct QuotientRemainderTests {
    let method = QuotientRemainder()
    let dimension = 4

    func makeEmbedding(fraction: Double = 0.5, seed: UInt64 = 1) throws -> any TrainableEmbedding {
        try method.makeEmbedding(
            schema: smallSchema, dimension: dimension, budgetBytes: budget(fraction, schema: smallSchema, dimension: dimension),
            optimizer: adam, seed: seed)
    }

    /// Returns the smallest m with m + ceil(n / m) <= rows, by a plain scan over every m.
    func expectedRemainderCount(rowCount: Int, budgetRows: Int) -> Int? {
        (1...rowCount).first { $0 + (rowCount + $0 - 1) / $0 <= budgetRows }
    }

    @Test func forwardMultipliesQuotientAndRemainderRows() throws {
        let embedding = try makeEmbedding()
        let (fields, rows) = lookups(smallSchema)
        let output = forward(embedding, fields: fields, rows: rows)
        let quotient = embedding.parameterTables[0], remainder = embedding.parameterTables[1]
        let budgetRows = budget(0.5, schema: smallSchema, dimension: dimension) / (dimension * 4)
        let m = try #require(expectedRemainderCount(rowCount: smallSchema.totalRowCount, budgetRows: budgetRows))
        #expect(remainder.rowCount == m)
        #expect(quotient.rowCount == (smallSchema.totalRowCount + m - 1) / m)
        for (lookup, row) in rows.enumerated() {
            let q = Int(row) / m, r = Int(row) % m
            for column in 0..<dimension {
                let expected = quotient.values[q * dimension + column] * remainder.values[r * dimension + column]
                #expect(output[lookup * dimension + column] == expected)
            }
        }
    }

    @Test func distinctRowsGetDistinctParts() throws {
        let embedding = try makeEmbedding(fraction: 0.25)
        let m = embedding.parameterTables[1].rowCount
        let pairs = Set((0..<smallSchema.totalRowCount).map { [$0 / m, $0 % m] })
        #expect(pairs.count == smallSchema.totalRowCount)
    }

    @Test func remainderTableStartsNearOne() throws {
        let embedding = try makeEmbedding()
        let remainder = embedding.parameterTables[1].values
        #expect(remainder.allSatisfy { abs($0 - 1) <= method.initialScale })
        #expect(embedding.parameterTables[0].values.allSatisfy { abs($0) <= method.initialScale })
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
            let m = try #require(expectedRemainderCount(rowCount: largeSchema.totalRowCount, budgetRows: budgetBytes / 32))
            #expect(exported.parameters["m"] == String(m))
        }
    }

    @Test func infeasibleBudgetNamesMinimum() throws {
        let n = smallSchema.totalRowCount
        let fewestRows = (1...n).map { $0 + (n + $0 - 1) / $0 }.min()!
        let minimum = method.minimumFootprint(schema: smallSchema, dimension: dimension)
        #expect(minimum == fewestRows * dimension * 4)
        #expect(throws: CompressionError.infeasibleBudget(method: "quotient-remainder", budgetBytes: minimum - 1, smallestFeasibleBytes: minimum)) {
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
