import EmbeddingCompression

/// The `pq` method, product quantization (Jégou, Douze and Schmid, "Product quantization for
/// nearest neighbor search", IEEE TPAMI 2011): each row is split into `m` sub-vectors of
/// `d / m` values, and each sub-vector is stored as the uint8 index of its nearest centroid
/// in a per-sub-space codebook of `k` Float32 centroids.
///
/// Footprint `n * m + k * d * 4` bytes: one code byte per sub-vector plus the codebooks
/// (`m * k * (d / m)` Float32 values, which is `k * d` whatever `m` is). `k` is 256, or the
/// number of training rows when the table has fewer. A budget picks the largest `m` among the
/// divisors of `d` that fits, because more sub-vectors reconstruct more accurately.
public struct ProductQuantizer: TableCompressor {
    public static let identifier = "pq"
    /// Centroids per sub-space when there are enough training rows: what a uint8 code addresses.
    public static let maximumCentroidCount = 256

    /// Lloyd iterations per sub-space.
    public var iterations: Int
    /// Most rows k-means trains on; larger tables train on a seeded uniform sample of this many
    /// rows, then every row is encoded.
    public var trainingRowLimit: Int
    /// A fixed sub-vector count, or nil to let the budget choose it.
    public var subvectorCount: Int?

    /// - Precondition: `iterations >= 0`, `trainingRowLimit >= 1`, `subvectorCount` positive when given.
    public init(iterations: Int = 25, trainingRowLimit: Int = 65_536, subvectorCount: Int? = nil) {
        precondition(iterations >= 0, "ProductQuantizer: iterations \(iterations) must not be negative")
        precondition(trainingRowLimit >= 1, "ProductQuantizer: trainingRowLimit \(trainingRowLimit) must be positive")
        precondition(subvectorCount.map { $0 > 0 } ?? true, "ProductQuantizer: subvectorCount must be positive")
        self.iterations = iterations
        self.trainingRowLimit = trainingRowLimit
        self.subvectorCount = subvectorCount
    }

    public var identifier: String { Self.identifier }
    public var summary: String { "product quantization: one uint8 code per sub-vector, 256 Float32 centroids per sub-space" }
    public var parameters: [MethodParameter] {
        [
            MethodParameter(name: "subvectors", unit: "sub-vectors", defaultValue: "largest divisor of d that fits",
                            summary: "sub-vectors per row (m); must divide d"),
            MethodParameter(name: "centroids", unit: "", defaultValue: "256",
                            summary: "centroids per sub-space (k): 256, or the training row count when smaller"),
            MethodParameter(name: "iterations", unit: "iterations", defaultValue: String(iterations),
                            summary: "Lloyd iterations after k-means++ seeding"),
            MethodParameter(name: "trainingRows", unit: "rows", defaultValue: String(trainingRowLimit),
                            summary: "most rows k-means trains on (seeded uniform sample)"),
        ]
    }
    public var memoryFormula: String { "n * m + k * d * 4" }
    public var budgetKnob: String { "sub-vectors m: the largest divisor of d whose footprint fits" }

    /// Rows k-means trains on for a table of `rowCount` rows.
    func trainingRowCount(rowCount: Int) -> Int { min(rowCount, trainingRowLimit) }

    /// Centroids per sub-space for a table of `rowCount` rows.
    func centroidCount(rowCount: Int) -> Int {
        min(Self.maximumCentroidCount, trainingRowCount(rowCount: rowCount))
    }

    /// Exact footprint of `m` sub-vectors: codes plus codebooks.
    public func footprint(rowCount: Int, dimension: Int, subvectorCount m: Int) -> Int {
        rowCount * m + centroidCount(rowCount: rowCount) * dimension * MemoryLayout<Float>.size
    }

    /// The footprint at the fewest sub-vectors allowed: `m = 1`, or the fixed `subvectorCount`.
    public func minimumFootprint(rowCount: Int, dimension: Int) -> Int {
        footprint(rowCount: rowCount, dimension: dimension, subvectorCount: subvectorCount ?? 1)
    }

    /// The sub-vector count for a budget: the fixed one, or the largest divisor of `dimension`
    /// that fits.
    /// - Throws: `CompressionError.infeasibleBudget` when none fits, and
    ///   `CompressionError.invalidParameter` when a fixed count does not divide `dimension`.
    public func chooseSubvectorCount(rowCount: Int, dimension: Int, budgetBytes: Int) throws -> Int {
        let candidates: [Int]
        if let fixed = subvectorCount {
            guard dimension % fixed == 0 else {
                throw CompressionError.invalidParameter(
                    method: identifier, name: "subvectors", value: String(fixed),
                    reason: "must divide the dimension \(dimension); choose a divisor of \(dimension)")
            }
            candidates = [fixed]
        } else {
            candidates = (1...dimension).reversed().filter { dimension % $0 == 0 }
        }
        for m in candidates where footprint(rowCount: rowCount, dimension: dimension, subvectorCount: m) <= budgetBytes {
            return m
        }
        throw CompressionError.infeasibleBudget(
            method: identifier, budgetBytes: budgetBytes,
            smallestFeasibleBytes: minimumFootprint(rowCount: rowCount, dimension: dimension))
    }

    /// Trains one codebook per sub-space on a seeded sample of rows, then encodes every row.
    ///
    /// Sub-space `s` trains with seed `context.seed + s` mixed by SplitMix64, so a run repeats
    /// exactly under the same seed. Assignment runs in chunks of rows over `context.threadCount`
    /// threads.
    /// - Complexity: O(iterations * min(n, trainingRowLimit) * k * d + n * k * d).
    /// - Throws: `CompressionError.infeasibleBudget` when no sub-vector count fits,
    ///   `QuantizationError.nonFiniteValue` for a NaN or infinite value.
    public func compress(
        _ table: EmbeddingTable, budgetBytes: Int, context: CompressionContext
    ) throws -> any CompressedTable {
        let rowCount = table.rowCount, dimension = table.dimension
        let m = try chooseSubvectorCount(rowCount: rowCount, dimension: dimension, budgetBytes: budgetBytes)
        if let bad = table.firstNonFiniteValue() {
            throw QuantizationError.nonFiniteValue(method: identifier, row: bad.row, column: bad.column, value: bad.value)
        }
        let subdimension = dimension / m
        let k = centroidCount(rowCount: rowCount)
        let sampleRows = Self.sampleRows(rowCount: rowCount, limit: trainingRowLimit, seed: context.seed)

        var codebooks = [Float](repeating: 0, count: m * k * subdimension)
        table.withUnsafeBufferPointer { values in
            for subspace in 0..<m {
                var sample = [Float](repeating: 0, count: sampleRows.count * subdimension)
                for (position, row) in sampleRows.enumerated() {
                    for column in 0..<subdimension {
                        sample[position * subdimension + column] = values[row * dimension + subspace * subdimension + column]
                    }
                }
                var seedGenerator = SplitMix64(seed: context.seed &+ UInt64(subspace) &+ 1)
                let kmeans = KMeans(clusterCount: k, iterations: iterations, seed: seedGenerator.next(),
                                    threadCount: context.threadCount)
                let result = sample.withUnsafeBufferPointer { kmeans.train(points: $0, dimension: subdimension) }
                codebooks.replaceSubrange((subspace * k * subdimension)..<((subspace + 1) * k * subdimension),
                                          with: result.centroids)
            }
        }
        let codes = Self.encode(table, subvectorCount: m, centroidCount: k, codebooks: codebooks,
                                threadCount: context.threadCount)
        return ProductQuantizedTable(
            rowCount: rowCount, dimension: dimension, subvectorCount: m, centroidCount: k,
            codes: codes, codebooks: codebooks,
            trainingParameters: ["iterations": String(iterations), "trainingRows": String(sampleRows.count)])
    }

    /// A seeded uniform sample of `min(rowCount, limit)` distinct rows in ascending order
    /// (a partial Fisher-Yates shuffle); every row when the table is small enough.
    static func sampleRows(rowCount: Int, limit: Int, seed: UInt64) -> [Int] {
        guard rowCount > limit else { return Array(0..<rowCount) }
        var generator = SplitMix64(seed: seed)
        var rows = Array(0..<rowCount)
        for position in 0..<limit {
            let pick = position + Int(generator.next() % UInt64(rowCount - position))
            rows.swapAt(position, pick)
        }
        return rows[0..<limit].sorted()
    }

    /// The nearest centroid of every sub-vector of every row (`n * m` codes, row-major).
    static func encode(
        _ table: EmbeddingTable, subvectorCount m: Int, centroidCount k: Int, codebooks: [Float], threadCount: Int
    ) -> [UInt8] {
        let rowCount = table.rowCount, dimension = table.dimension, subdimension = dimension / m
        let transposed = (0..<m).map { subspace in
            TransposedCentroids(
                centroids: codebooks[(subspace * k * subdimension)..<((subspace + 1) * k * subdimension)],
                count: k, dimension: subdimension)
        }
        return [UInt8](unsafeUninitializedCapacity: rowCount * m) { codes, initialized in
            table.withUnsafeBufferPointer { values in
                forEachChunk(count: rowCount, threadCount: threadCount, minimumChunk: 256) { _, rows in
                    let scratch = UnsafeMutablePointer<Float>.allocate(capacity: k)
                    defer { scratch.deallocate() }
                    for row in rows {
                        for subspace in 0..<m {
                            let point = values.baseAddress! + row * dimension + subspace * subdimension
                            codes[row * m + subspace] = UInt8(transposed[subspace].nearest(to: point, scratch: scratch).index)
                        }
                    }
                }
            }
            initialized = rowCount * m
        }
    }
}
