import CTR
import EmbeddingCompression
import Hashing
import Testing
import UnifiedEmbedding

/// A small feature table with fields of very different sizes.
private let smallSchema = FeatureSchema(fields: [
    .init(name: "user", rowOffset: 0, rowCount: 40),
    .init(name: "item", rowOffset: 40, rowCount: 25),
    .init(name: "gender", rowOffset: 65, rowCount: 3),
    .init(name: "genre", rowOffset: 68, rowCount: 12, isMultiValued: true),
])

/// A feature table large enough to make 1/100 of its Float32 bytes hold many rows.
private let largeSchema = FeatureSchema(fields: [
    .init(name: "user", rowOffset: 0, rowCount: 40_000),
    .init(name: "item", rowOffset: 40_000, rowCount: 9_000),
    .init(name: "gender", rowOffset: 49_000, rowCount: 3),
])

private let adam = OptimizerConfiguration(kind: .adam, learningRate: 0.01)

/// `((a * key + b) mod (2^61 - 1)) mod k` with 128-bit arithmetic, straight from the definition.
private func referenceBucket(a: UInt64, b: UInt64, key: UInt64, buckets: Int) -> Int {
    let prime = UInt128((1 as UInt64) << 61 - 1)
    return Int((UInt128(a) * UInt128(key) + UInt128(b)) % prime % UInt128(buckets))
}

/// Returns lookups of every row of `schema` once with its field, then seeded repeats.
private func lookups(_ schema: FeatureSchema, extra: Int = 20) -> (fields: [Int32], rows: [Int32]) {
    let owners = schema.fields.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element.rowCount) }
    var rows = Array(0..<schema.totalRowCount)
    var generator = SplitMix64(seed: 7)
    for _ in 0..<extra { rows.append(Int(generator.next() % UInt64(schema.totalRowCount))) }
    return (rows.map { Int32(owners[$0]) }, rows.map { Int32($0) })
}

private func forward(_ embedding: any TrainableEmbedding, _ fields: [Int32], _ rows: [Int32]) -> [Float] {
    var output = [Float](repeating: .nan, count: rows.count * embedding.dimension)
    fields.withUnsafeBufferPointer { fieldBuffer in
        rows.withUnsafeBufferPointer { rowBuffer in
            output.withUnsafeMutableBufferPointer { embedding.forward(fields: fieldBuffer, rows: rowBuffer, into: $0) }
        }
    }
    return output
}

private func backward(_ embedding: any TrainableEmbedding, _ fields: [Int32], _ rows: [Int32], _ gradients: [Float]) {
    fields.withUnsafeBufferPointer { fieldBuffer in
        rows.withUnsafeBufferPointer { rowBuffer in
            gradients.withUnsafeBufferPointer { embedding.backward(fields: fieldBuffer, rows: rowBuffer, outputGradients: $0) }
        }
    }
}

private func budget(_ fraction: Double, _ schema: FeatureSchema, _ dimension: Int) -> Int {
    Budget.fraction(fraction).bytes(float32Bytes: schema.totalRowCount * dimension * 4)
}

@Suite struct UnifiedEmbeddingTests {
    let dimension = 8

    func makeEmbedding(chunks: Int = 1, fraction: Double = 0.25, seed: UInt64 = 1) throws -> any TrainableEmbedding {
        try UnifiedEmbedding(chunks: chunks).makeEmbedding(
            schema: smallSchema, dimension: dimension, budgetBytes: budget(fraction, smallSchema, dimension),
            optimizer: adam, seed: seed)
    }

    @Test(arguments: [1, 2, 4])
    func forwardConcatenatesSaltedChunks(chunks: Int) throws {
        let embedding = try makeEmbedding(chunks: chunks)
        let (fields, rows) = lookups(smallSchema)
        let output = forward(embedding, fields, rows)
        let exported = try embedding.export()
        let hash = try #require(exported.containerSections().first { $0.name == "hash-parameters" }).values(as: UInt64.self)
        let table = embedding.parameterTables[0]
        let chunkDimension = dimension / chunks
        // k = floor((budget - 16 - 8 * (F + 1)) / (d / c * 4)) from the documented formula.
        let buckets = (budget(0.25, smallSchema, dimension) - 16 - 8 * 5) / (chunkDimension * 4)
        #expect(table.rowCount == buckets)
        #expect(table.dimension == chunkDimension)
        for (lookup, row) in rows.enumerated() {
            let field = Int(fields[lookup])
            let local = UInt64(Int(row) - smallSchema.fields[field].rowOffset)
            for chunk in 0..<chunks {
                let key = (UInt64(field) * 256 + UInt64(chunk)) << 32 | local
                let bucket = referenceBucket(a: hash[0], b: hash[1], key: key, buckets: buckets)
                let expected = Array(table.values[(bucket * chunkDimension)..<((bucket + 1) * chunkDimension)])
                let start = lookup * dimension + chunk * chunkDimension
                #expect(Array(output[start..<(start + chunkDimension)]) == expected)
            }
        }
    }

    @Test func sameLocalIdInTwoFieldsDiffers() throws {
        // Local id 0 of each field; with k in the hundreds the four keys must not all collide.
        let embedding = try makeEmbedding(fraction: 1)
        let fields: [Int32] = [0, 1, 2, 3]
        let rows = smallSchema.fields.map { Int32($0.rowOffset) }
        let output = forward(embedding, fields, rows)
        let rowsOut = (0..<4).map { Array(output[($0 * dimension)..<(($0 + 1) * dimension)]) }
        #expect(Set(rowsOut.map { $0.description }).count > 1)
    }

    @Test(arguments: [1, 2])
    func gradientMatchesFiniteDifferences(chunks: Int) throws {
        let embedding = try makeEmbedding(chunks: chunks)
        let (fields, rows) = lookups(smallSchema)
        var generator = SplitMix64(seed: 11)
        let weights = (0..<(rows.count * dimension)).map { _ in Float(generator.nextUnitDouble() * 2 - 1) }
        func loss() -> Double {
            zip(forward(embedding, fields, rows), weights).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        backward(embedding, fields, rows, weights)
        let table = embedding.parameterTables[0]
        let step: Float = 0.01
        var worst = 0.0
        for row in 0..<table.rowCount {
            let analytic = table.pendingGradient(row: row)
            for column in 0..<table.dimension {
                let index = row * table.dimension + column
                let saved = table.values[index]
                table.values[index] = saved + step
                let plus = loss()
                table.values[index] = saved - step
                let minus = loss()
                table.values[index] = saved
                let numeric = (plus - minus) / (2 * Double(step))
                worst = max(worst, abs(numeric - Double(analytic[column])) / max(1, abs(numeric)))
            }
        }
        #expect(worst < 1e-3, "largest relative gradient error \(worst)")

        // The CTR module's check also samples untouched rows, whose gradient must stay zero.
        table.discardGradients()
        let failures = GradientCheck.checkEmbedding(embedding, fields: fields, rows: rows)
            .failures(relativeTolerance: 1e-3, absoluteTolerance: 1e-4)
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    @Test(arguments: [1, 2])
    func footprintIsBufferBytesWithinBudget(chunks: Int) throws {
        for fraction in [1.0 / 2, 1.0 / 4, 1.0 / 10, 1.0 / 30, 1.0 / 100] {
            let budgetBytes = budget(fraction, largeSchema, dimension)
            let embedding = try UnifiedEmbedding(chunks: chunks).makeEmbedding(
                schema: largeSchema, dimension: dimension, budgetBytes: budgetBytes, optimizer: adam, seed: 1)
            let exported = try embedding.export()
            let bytes = exported.containerSections().reduce(0) { $0 + $1.payload.count }
            #expect(embedding.footprintBytes == bytes)
            #expect(exported.footprintBytes == bytes)
            #expect(embedding.footprintBytes <= budgetBytes)
            #expect(embedding.footprintBytes > budgetBytes - dimension / chunks * 4)
        }
    }

    @Test func infeasibleBudgetNamesMinimum() throws {
        let method = UnifiedEmbedding(chunks: 2)
        let minimum = method.minimumFootprint(schema: smallSchema, dimension: dimension)
        #expect(minimum == 16 + 8 * 5 + dimension / 2 * 4)
        #expect(throws: CompressionError.infeasibleBudget(method: "unified-embedding-2chunks", budgetBytes: minimum - 1, smallestFeasibleBytes: minimum)) {
            _ = try method.makeEmbedding(schema: smallSchema, dimension: dimension, budgetBytes: minimum - 1, optimizer: adam, seed: 1)
        }
        let smallest = try method.makeEmbedding(schema: smallSchema, dimension: dimension, budgetBytes: minimum, optimizer: adam, seed: 1)
        #expect(smallest.footprintBytes == minimum)
    }

    @Test func rejectsChunksThatDoNotDivideDimension() {
        #expect(throws: CompressionError.self) {
            _ = try UnifiedEmbedding(chunks: 3).makeEmbedding(
                schema: smallSchema, dimension: dimension, budgetBytes: 10_000, optimizer: adam, seed: 1)
        }
    }

    @Test(arguments: [1, 2])
    func exportRoundTripMatchesForward(chunks: Int) throws {
        var registry = MethodRegistry()
        UnifiedEmbeddingPlugin.register(into: &registry)
        let embedding = try makeEmbedding(chunks: chunks)
        let (fields, rows) = lookups(smallSchema)
        var generator = SplitMix64(seed: 3)
        backward(embedding, fields, rows, (0..<(rows.count * dimension)).map { _ in Float(generator.nextUnitDouble() - 0.5) })
        embedding.applyGradients()

        let exported = try embedding.export()
        let contents = ContainerContents(
            metadata: TableMetadata(
                methodIdentifier: exported.methodIdentifier, rowCount: exported.rowCount,
                dimension: exported.dimension, parameters: exported.parameters, schema: smallSchema),
            sections: exported.containerSections())
        let decoded = try registry.decodeTable(from: contents)
        let all = lookups(smallSchema, extra: 0)
        let expected = forward(embedding, all.fields, all.rows)
        #expect(decoded.footprintBytes == embedding.footprintBytes)
        #expect(try exported.decodeAll().values() == expected)
        #expect(try decoded.decodeAll().values() == expected)
    }

    @Test func seedDeterminesLayer() throws {
        let (fields, rows) = lookups(smallSchema)
        let first = forward(try makeEmbedding(seed: 9), fields, rows)
        let second = forward(try makeEmbedding(seed: 9), fields, rows)
        let other = forward(try makeEmbedding(seed: 10), fields, rows)
        #expect(first == second)
        #expect(first != other)
    }
}
