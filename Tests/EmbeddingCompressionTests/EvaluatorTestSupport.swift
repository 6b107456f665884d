import EmbeddingCompression

/// A `rows x dimension` table of seeded standard normal values ("generated" test data).
func gaussianTable(rows: Int, dimension: Int, seed: UInt64) throws -> EmbeddingTable {
    var generator = SplitMix64(seed: seed)
    let values = (0..<(rows * dimension)).map { _ in Float(generator.nextGaussian()) }
    return try EmbeddingTable(rowCount: rows, dimension: dimension, values: values)
}

/// Cosine of two rows in Double, written without the library's helpers.
func referenceCosine(_ x: [Float], _ y: [Float]) -> Double {
    let dot = zip(x, y).map { Double($0) * Double($1) }.reduce(0, +)
    let normX = x.map { Double($0) * Double($0) }.reduce(0, +).squareRoot()
    let normY = y.map { Double($0) * Double($0) }.reduce(0, +).squareRoot()
    return normX == 0 || normY == 0 ? 0 : dot / (normX * normY)
}

/// The `k` rows of `table` with the largest cosine to row `query`, the query excluded,
/// found by sorting every cosine (ties broken by the lower row).
func bruteForceNeighbours(of query: Int, in table: EmbeddingTable, k: Int) -> [Int] {
    let queryRow = table.row(query)
    let scored = (0..<table.rowCount).filter { $0 != query }.map { ($0, referenceCosine(queryRow, table.row($0))) }
    let sorted = scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    return sorted.prefix(k).map(\.0)
}
