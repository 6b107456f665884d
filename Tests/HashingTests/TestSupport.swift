import CTR
import EmbeddingCompression
import Foundation
import Hashing
import Testing

/// A small feature table with fields of very different sizes, for forward and gradient checks.
let smallSchema = FeatureSchema(fields: [
    .init(name: "user", rowOffset: 0, rowCount: 40),
    .init(name: "item", rowOffset: 40, rowCount: 25),
    .init(name: "gender", rowOffset: 65, rowCount: 3),
    .init(name: "genre", rowOffset: 68, rowCount: 12, isMultiValued: true),
])

/// A feature table large enough that every method fits 1/100 of its Float32 bytes at d = 8.
let largeSchema = FeatureSchema(fields: [
    .init(name: "user", rowOffset: 0, rowCount: 40_000),
    .init(name: "item", rowOffset: 40_000, rowCount: 9_000),
    .init(name: "zip", rowOffset: 49_000, rowCount: 1_000),
    .init(name: "age", rowOffset: 50_000, rowCount: 50),
    .init(name: "gender", rowOffset: 50_050, rowCount: 3),
])

let budgetFractions: [Double] = [1.0 / 2, 1.0 / 4, 1.0 / 10, 1.0 / 30, 1.0 / 100]

let adam = OptimizerConfiguration(kind: .adam, learningRate: 0.01)

/// `((a * x + b) mod (2^61 - 1)) mod k`, computed with 128-bit arithmetic straight from the
/// definition rather than with the library's Mersenne folding.
func referenceBucket(a: UInt64, b: UInt64, key: UInt64, buckets: Int) -> Int {
    let prime = UInt128((1 as UInt64) << 61 - 1)
    let value = (UInt128(a) * UInt128(key) + UInt128(b)) % prime
    return Int(value % UInt128(buckets))
}

/// Returns the field of each global row of `schema`.
func fieldOfRow(_ schema: FeatureSchema) -> [Int] {
    schema.fields.enumerated().flatMap { index, field in Array(repeating: index, count: field.rowCount) }
}

/// Returns a batch of lookups covering every row of `schema` once, then `extra` seeded repeats.
func lookups(_ schema: FeatureSchema, extra: Int = 20, seed: UInt64 = 7) -> (fields: [Int32], rows: [Int32]) {
    let owners = fieldOfRow(schema)
    var rows = Array(0..<schema.totalRowCount)
    var generator = SplitMix64(seed: seed)
    for _ in 0..<extra { rows.append(Int(generator.next() % UInt64(schema.totalRowCount))) }
    return (rows.map { Int32(owners[$0]) }, rows.map { Int32($0) })
}

/// Runs the forward pass of `embedding` for `fields` and `rows`.
func forward(_ embedding: any TrainableEmbedding, fields: [Int32], rows: [Int32]) -> [Float] {
    var output = [Float](repeating: .nan, count: rows.count * embedding.dimension)
    fields.withUnsafeBufferPointer { fieldBuffer in
        rows.withUnsafeBufferPointer { rowBuffer in
            output.withUnsafeMutableBufferPointer { embedding.forward(fields: fieldBuffer, rows: rowBuffer, into: $0) }
        }
    }
    return output
}

/// Takes one Adam step on the loss `sum(weights ⊙ output)`, so exported values are trained ones.
func trainOneStep(_ embedding: any TrainableEmbedding, fields: [Int32], rows: [Int32], seed: UInt64 = 3) {
    var generator = SplitMix64(seed: seed)
    let weights = (0..<(rows.count * embedding.dimension)).map { _ in Float(generator.nextUnitDouble() - 0.5) }
    fields.withUnsafeBufferPointer { fieldBuffer in
        rows.withUnsafeBufferPointer { rowBuffer in
            weights.withUnsafeBufferPointer { embedding.backward(fields: fieldBuffer, rows: rowBuffer, outputGradients: $0) }
        }
    }
    embedding.applyGradients()
}

/// Checks the gradient of `loss = sum(weights ⊙ forward)` against central finite differences
/// for every parameter of every table. The loss is linear in any single parameter (a product
/// only multiplies values of two different tables), so the difference is exact up to rounding.
func checkGradients(_ embedding: any TrainableEmbedding, fields: [Int32], rows: [Int32],
                    sourceLocation: SourceLocation = #_sourceLocation) {
    var generator = SplitMix64(seed: 11)
    let weights = (0..<(rows.count * embedding.dimension)).map { _ in Float(generator.nextUnitDouble() * 2 - 1) }
    func loss() -> Double {
        zip(forward(embedding, fields: fields, rows: rows), weights).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }
    fields.withUnsafeBufferPointer { fieldBuffer in
        rows.withUnsafeBufferPointer { rowBuffer in
            weights.withUnsafeBufferPointer { embedding.backward(fields: fieldBuffer, rows: rowBuffer, outputGradients: $0) }
        }
    }
    let step: Float = 0.01
    var worst = 0.0
    for table in embedding.parameterTables {
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
        table.discardGradients()
    }
    #expect(worst < 1e-3, "largest relative gradient error \(worst)", sourceLocation: sourceLocation)

    // The CTR module's check also samples untouched rows, whose gradient must stay zero.
    let shared = GradientCheck.checkEmbedding(embedding, fields: fields, rows: rows)
    let failures = shared.failures(relativeTolerance: 1e-3, absoluteTolerance: 1e-4)
    #expect(failures.isEmpty, "\(failures.prefix(3))", sourceLocation: sourceLocation)
}

/// Exports `embedding`, stores its sections in container contents, decodes them with the
/// registry and checks every row against the forward pass.
func checkRoundTrip(_ embedding: any TrainableEmbedding, schema: FeatureSchema, registry: MethodRegistry,
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
    let exported = try embedding.export()
    let contents = ContainerContents(
        metadata: TableMetadata(
            methodIdentifier: exported.methodIdentifier, rowCount: exported.rowCount,
            dimension: exported.dimension, parameters: exported.parameters, schema: schema),
        sections: exported.containerSections())
    let decoded = try registry.decodeTable(from: contents)
    #expect(decoded.rowCount == schema.totalRowCount, sourceLocation: sourceLocation)
    #expect(decoded.footprintBytes == embedding.footprintBytes, sourceLocation: sourceLocation)
    let all = lookups(schema, extra: 0)
    let expected = forward(embedding, fields: all.fields, rows: all.rows)
    let fromExport = try exported.decodeAll().values()
    let fromContainer = try decoded.decodeAll().values()
    #expect(fromExport == expected, sourceLocation: sourceLocation)
    #expect(fromContainer == expected, sourceLocation: sourceLocation)
}

/// Returns the bytes of the sections an exported table stores.
func sectionBytes(_ table: any CompressedTable) -> Int {
    table.containerSections().reduce(0) { $0 + $1.payload.count }
}

/// Returns the budget in bytes for `fraction` of the Float32 bytes of `schema` at `dimension`.
func budget(_ fraction: Double, schema: FeatureSchema, dimension: Int) -> Int {
    Budget.fraction(fraction).bytes(float32Bytes: schema.totalRowCount * dimension * 4)
}

/// Returns the `UInt64` section `name` of `table`.
func uint64Section(_ table: any CompressedTable, _ name: String) throws -> [UInt64] {
    try #require(table.containerSections().first { $0.name == name }).values(as: UInt64.self)
}

/// Returns the `Int64` section `name` of `table` as `Int`.
func intSection(_ table: any CompressedTable, _ name: String) throws -> [Int] {
    try #require(table.containerSections().first { $0.name == name }).values(as: Int64.self).map { Int($0) }
}
