import BinaryCodes
import EmbeddingCompression
import Testing

/// Random codes whose bits beyond `bitCount` stay clear; few bits give many ties.
func randomCodes(rowCount: Int, bitCount: Int, seed: UInt64) -> PackedBinaryCodes {
    var generator = SplitMix64(seed: seed)
    var codes = PackedBinaryCodes(rowCount: rowCount, bitCount: bitCount)
    for row in 0..<rowCount {
        for bit in 0..<bitCount where generator.next() & 1 == 1 { codes.setBit(row: row, bit: bit, to: true) }
    }
    return codes
}

/// Reference distance, one bit at a time through the public bit accessor.
func bitByBitDistance(_ a: PackedBinaryCodes, _ rowA: Int, _ b: PackedBinaryCodes, _ rowB: Int) -> Int {
    var count = 0
    for bit in 0..<a.bitCount where a.bit(row: rowA, bit: bit) != b.bit(row: rowB, bit: bit) { count += 1 }
    return count
}

/// Reference top-k: sort every row by (distance, row) and keep the first k.
func bruteForceTopK(queries: PackedBinaryCodes, database: PackedBinaryCodes, k: Int) -> [[(row: Int, distance: Int)]] {
    (0..<queries.rowCount).map { query in
        let all = (0..<database.rowCount).map { (row: $0, distance: bitByBitDistance(queries, query, database, $0)) }
        let sorted = all.sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.row < $1.row }
        return Array(sorted.prefix(k))
    }
}

@Suite("Hamming search")
struct HammingSearchTests {
    @Test("top-k equals brute force", arguments: [5, 64, 100, 128, 200])
    func topKEqualsBruteForce(bitCount: Int) {
        let database = randomCodes(rowCount: 1_500, bitCount: bitCount, seed: UInt64(bitCount))
        let queries = randomCodes(rowCount: 9, bitCount: bitCount, seed: UInt64(bitCount) + 1_000)
        let k = 10
        let expected = bruteForceTopK(queries: queries, database: database, k: k)
        for threads in [1, 2, 3] {
            let result = HammingSearch.topK(queries: queries, database: database, k: k, threadCount: threads)
            for query in 0..<queries.rowCount {
                let rows = result.rows(ofQuery: query)
                let distances = result.distances[(query * k)..<((query + 1) * k)].map { Int($0) }
                #expect(rows == expected[query].map(\.row), "query \(query), \(threads) threads")
                #expect(distances == expected[query].map(\.distance), "query \(query), \(threads) threads")
            }
        }
    }

    @Test("ties keep lower rows first")
    func tiesKeepLowerRows() {
        // Five bits and 1,000 rows: every distance is shared by dozens of rows.
        let database = randomCodes(rowCount: 1_000, bitCount: 5, seed: 7)
        let queries = randomCodes(rowCount: 4, bitCount: 5, seed: 8)
        let result = HammingSearch.topK(queries: queries, database: database, k: 50, threadCount: 2)
        let expected = bruteForceTopK(queries: queries, database: database, k: 50)
        for query in 0..<4 {
            #expect(result.rows(ofQuery: query) == expected[query].map(\.row))
        }
    }

    @Test("fewer rows than k leaves missing entries")
    func fewerRowsThanK() {
        let database = randomCodes(rowCount: 3, bitCount: 64, seed: 1)
        let result = HammingSearch.topK(queries: database, database: database, k: 5, threadCount: 1)
        #expect(result.rows(ofQuery: 0).count == 3)
        #expect(result.rows[3] == -1)
        #expect(result.distances[4] == Int32.max)
    }

    @Test("neighbours exclude the query row")
    func neighboursExcludeQueryRow() {
        let codes = randomCodes(rowCount: 1_000, bitCount: 16, seed: 3)
        let queryRows = [0, 17, 999]
        let found = HammingSearch.neighbours(ofRows: queryRows, in: codes, k: 10, threadCount: 2)
        for (index, queryRow) in queryRows.enumerated() {
            let others = (0..<codes.rowCount).filter { $0 != queryRow }
            let expected = others.sorted {
                let a = bitByBitDistance(codes, queryRow, codes, $0), b = bitByBitDistance(codes, queryRow, codes, $1)
                return a != b ? a < b : $0 < $1
            }
            #expect(found[index] == Array(expected.prefix(10)))
        }
    }

    @Test("popcount kernel matches bit-by-bit count")
    func popcountMatchesBitCount() {
        var generator = SplitMix64(seed: 11)
        for length in [0, 1, 2, 3, 7, 64, 129] {
            let words = (0..<length).map { _ in generator.next() } + [0, .max, 1 << 63]
            var expected = 0
            for word in words {
                for bit in 0..<64 where (word >> UInt64(bit)) & 1 == 1 { expected += 1 }
            }
            #expect(PackedBinaryCodes.popcount(words) == expected, "\(words.count) words")
        }
    }

    @Test("packed codes reject set padding bits")
    func paddingBitsRejected() {
        #expect(throws: BinaryCodesError.self) {
            try PackedBinaryCodes(rowCount: 1, bitCount: 10, words: [1 << 12])
        }
        #expect(throws: BinaryCodesError.self) {
            try PackedBinaryCodes(rowCount: 2, bitCount: 10, words: [1])
        }
    }
}
