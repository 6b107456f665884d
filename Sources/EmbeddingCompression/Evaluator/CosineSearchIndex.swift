import Dispatch

/// Exact maximum-inner-product search over unit-normalised rows, used for the neighbours and
/// analogy tasks: a blocked matrix multiply of queries against rows with a top-k per query.
///
/// Rows are normalised and stored in tiles of `tileRows` rows, each tile dimension-major
/// (`tile[column * tileRows + row]`). The inner loop then adds `query[column] * tile column`
/// into four SIMD8 accumulators that cover the tile's 32 rows: contiguous loads, no
/// horizontal sums, and four independent dependency chains. A tile is 6.4 KB at dimension 50,
/// so it stays in cache while a chunk of queries runs over it.
public struct CosineSearchIndex: Sendable {
    /// Rows per tile: four SIMD8 accumulators, which fit the 16 vector registers of x86-64.
    static let tileRows = 32

    public let rowCount: Int
    public let dimension: Int
    /// Tiles of normalised rows; rows past `rowCount` in the last tile are zeros.
    private let tiles: [Float]

    /// Builds the index over the first `rowLimit` rows of `table` (all rows when nil).
    /// Each row is divided by its Euclidean norm; a zero row stays zero and scores 0 with every query.
    /// - Complexity: O(rows * dimension) time and `rows * dimension * 4` bytes.
    public init(table: EmbeddingTable, rowLimit: Int? = nil) {
        let rowCount = min(rowLimit ?? table.rowCount, table.rowCount)
        let dimension = table.dimension
        let tileRows = Self.tileRows
        let tileCount = (rowCount + tileRows - 1) / tileRows
        let tileSize = tileRows * dimension
        var tiles = [Float](repeating: 0, count: tileCount * tileSize)
        table.withUnsafeBufferPointer { valueBuffer in
            tiles.withUnsafeMutableBufferPointer { tileBuffer in
                let values = ConcurrentBufferAddress(valueBuffer)
                let tilesBase = ConcurrentBufferAddress(tileBuffer)
                DispatchQueue.concurrentPerform(iterations: tileCount) { tile in
                    let target = tilesBase.base + tile * tileSize
                    for local in 0..<min(tileRows, rowCount - tile * tileRows) {
                        let base = (tile * tileRows + local) * dimension
                        var squaredNorm: Float = 0
                        for column in 0..<dimension { squaredNorm += values.base[base + column] * values.base[base + column] }
                        let scale: Float = squaredNorm > 0 ? 1 / squaredNorm.squareRoot() : 0
                        for column in 0..<dimension { target[column * tileRows + local] = values.base[base + column] * scale }
                    }
                }
            }
        }
        self.rowCount = rowCount
        self.dimension = dimension
        self.tiles = tiles
    }

    /// The normalised row `row`, for building queries.
    public func unitRow(_ row: Int) -> [Float] {
        precondition(row >= 0 && row < rowCount, "row \(row) is outside 0..<\(rowCount)")
        let tileRows = Self.tileRows
        let base = (row / tileRows) * tileRows * dimension, local = row % tileRows
        return (0..<dimension).map { tiles[base + $0 * tileRows + local] }
    }

    /// Finds, for each query, the `k` rows with the largest inner product, largest first.
    ///
    /// Ties keep the lower row. With unit-length queries the inner product is the cosine.
    /// - Parameters:
    ///   - queries: `queryCount * dimension` values, row-major.
    ///   - excluding: rows that must not appear in a query's result (the query row itself,
    ///     or the three input words of an analogy); a few rows per query at most.
    /// - Returns: `queryCount` arrays of at most `k` row indices (fewer only when the index has
    ///   fewer than `k` rows outside the exclusions).
    /// - Complexity: O(queryCount * rowCount * dimension), spread over every core.
    public func nearest(queries: [Float], k: Int, excluding: [[Int]]) -> [[Int]] {
        precondition(k > 0, "k must be positive")
        precondition(queries.count % dimension == 0, "queries hold \(queries.count) values, not a multiple of dimension \(dimension)")
        let queryCount = queries.count / dimension
        precondition(excluding.isEmpty || excluding.count == queryCount, "one exclusion list per query is needed")
        let chunkQueries = 16
        let chunkCount = (queryCount + chunkQueries - 1) / chunkQueries
        let resultIDs = UnsafeMutableBufferPointer<Int>.allocate(capacity: queryCount * k)
        resultIDs.initialize(repeating: -1)
        defer { resultIDs.deallocate() }
        let resultIDsBase = ConcurrentBufferAddress(resultIDs)
        let tileCount = tiles.count
        queries.withUnsafeBufferPointer { queryBuffer in
            tiles.withUnsafeBufferPointer { tileBuffer in
                let queries = ConcurrentBufferAddress(queryBuffer)
                let tiles = ConcurrentBufferAddress(tileBuffer)
                DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                    let first = chunk * chunkQueries
                    let count = min(chunkQueries, queryCount - first)
                    searchChunk(
                        queries: UnsafeBufferPointer(start: queries.base + first * dimension, count: count * dimension),
                        excluding: excluding.isEmpty ? [] : Array(excluding[first..<(first + count)]),
                        k: k, tiles: UnsafeBufferPointer(start: tiles.base, count: tileCount),
                        output: resultIDsBase.base + first * k)
                }
            }
        }
        return (0..<queryCount).map { query in
            Array(resultIDs[(query * k)..<((query + 1) * k)].prefix { $0 >= 0 })
        }
    }

    /// Searches every tile for a chunk of queries, writing `k` ids per query to `output`.
    private func searchChunk(
        queries: UnsafeBufferPointer<Float>, excluding: [[Int]], k: Int,
        tiles: UnsafeBufferPointer<Float>, output: UnsafeMutablePointer<Int>
    ) {
        let tileRows = Self.tileRows
        let dimension = self.dimension
        let queryCount = queries.count / dimension
        let tileCount = (rowCount + tileRows - 1) / tileRows
        var lists = (0..<queryCount).map { _ in TopKList(k: k) }
        var scores = [Float](repeating: 0, count: tileRows)
        scores.withUnsafeMutableBufferPointer { scores in
            let scoresRaw = UnsafeMutableRawPointer(scores.baseAddress!)
            for tile in 0..<tileCount {
                let tileBase = UnsafeRawPointer(tiles.baseAddress! + tile * tileRows * dimension)
                let validRows = min(tileRows, rowCount - tile * tileRows)
                let firstRow = tile * tileRows
                for query in 0..<queryCount {
                    let q = queries.baseAddress! + query * dimension
                    var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
                    for column in 0..<dimension {
                        let weight = SIMD8<Float>(repeating: q[column])
                        let columnBase = tileBase + column * tileRows * 4
                        a0 += weight * columnBase.loadUnaligned(fromByteOffset: 0, as: SIMD8<Float>.self)
                        a1 += weight * columnBase.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                        a2 += weight * columnBase.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
                        a3 += weight * columnBase.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
                    }
                    scoresRaw.storeBytes(of: a0, toByteOffset: 0, as: SIMD8<Float>.self)
                    scoresRaw.storeBytes(of: a1, toByteOffset: 32, as: SIMD8<Float>.self)
                    scoresRaw.storeBytes(of: a2, toByteOffset: 64, as: SIMD8<Float>.self)
                    scoresRaw.storeBytes(of: a3, toByteOffset: 96, as: SIMD8<Float>.self)
                    let exclusions = excluding.isEmpty ? [] : excluding[query]
                    for local in 0..<validRows where lists[query].admits(scores[local]) {
                        let row = firstRow + local
                        if !exclusions.contains(row) { lists[query].insert(score: scores[local], id: row) }
                    }
                }
            }
        }
        for query in 0..<queryCount {
            for (position, id) in lists[query].ids.enumerated() { output[query * k + position] = id }
        }
    }
}

/// The `k` best (score, id) pairs seen so far, best first; insertion keeps it sorted.
struct TopKList {
    let k: Int
    private(set) var scores: [Float] = []
    private(set) var ids: [Int] = []

    init(k: Int) {
        self.k = k
        scores.reserveCapacity(k + 1)
        ids.reserveCapacity(k + 1)
    }

    /// Whether `score` would enter the list. Equal scores do not displace earlier ids.
    @inline(__always)
    func admits(_ score: Float) -> Bool {
        scores.count < k || score > scores[k - 1]
    }

    mutating func insert(score: Float, id: Int) {
        var position = scores.count
        while position > 0 && scores[position - 1] < score { position -= 1 }
        scores.insert(score, at: position)
        ids.insert(id, at: position)
        if scores.count > k {
            scores.removeLast()
            ids.removeLast()
        }
    }
}
