import EmbeddingCompression
import Hashing
import Testing

@Suite struct UniversalHashTests {
    @Test func matchesDefinitionWith128BitArithmetic() throws {
        var generator = SplitMix64(seed: 5)
        for _ in 0..<200 {
            let hash = UniversalHash(generator: &generator)
            // Keys near the top of the range exercise the folding of the high product bits.
            let key = generator.next() % UniversalHash.prime
            let buckets = Int(generator.next() % 1_000) + 1
            let expected = referenceBucket(a: hash.multiplier, b: hash.increment, key: key, buckets: buckets)
            #expect(hash.bucket(key, bucketCount: buckets) == expected)
        }
    }

    @Test func largestOperandsFold() throws {
        let prime = UniversalHash.prime
        let hash = try UniversalHash(multiplier: prime - 1, increment: prime - 1)
        // (p-1)(p-1) + (p-1) = p(p-1), which is 0 modulo p.
        #expect(hash.hash(prime - 1) == 0)
        #expect(hash.bucket(prime - 2, bucketCount: 977) == referenceBucket(a: prime - 1, b: prime - 1, key: prime - 2, buckets: 977))
    }

    @Test func rejectsParametersOutOfRange() {
        #expect(throws: HashingError.invalidHashParameters(multiplier: 0, increment: 1)) {
            try UniversalHash(multiplier: 0, increment: 1)
        }
        #expect(throws: HashingError.invalidHashParameters(multiplier: 3, increment: UniversalHash.prime)) {
            try UniversalHash(multiplier: 3, increment: UniversalHash.prime)
        }
    }

    @Test func fieldOfRowFindsEveryRow() throws {
        let ranges = try FieldRowRanges(schema: smallSchema, method: "test")
        let owners = fieldOfRow(smallSchema)
        for row in 0..<smallSchema.totalRowCount {
            #expect(ranges.field(ofRow: row) == owners[row])
        }
    }
}
