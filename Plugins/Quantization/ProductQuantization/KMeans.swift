import EmbeddingCompression

/// Lloyd's k-means with k-means++ seeding (Arthur and Vassilvitskii, 2007) on points stored
/// row-major in one contiguous buffer, with a fixed iteration count so run time is predictable.
///
/// Same points, settings, seed and thread count give the same centroids on every run, because
/// the per-chunk partial sums are combined in chunk order.
package struct KMeans: Sendable {
    package var clusterCount: Int
    package var iterations: Int
    package var seed: UInt64
    package var threadCount: Int

    package init(clusterCount: Int, iterations: Int, seed: UInt64, threadCount: Int) {
        self.clusterCount = clusterCount
        self.iterations = iterations
        self.seed = seed
        self.threadCount = threadCount
    }

    package struct Result: Sendable {
        /// `clusterCount x dimension` centroids, row-major.
        package var centroids: [Float]
        /// Sum of squared distances from each point to its nearest centroid: after seeding and
        /// after each of the `iterations` updates (`iterations + 1` values). Lloyd's updates
        /// never increase it.
        package var objectiveHistory: [Double]
    }

    /// Clusters `points` (`points.count / dimension` rows).
    /// - Precondition: there are at least `clusterCount` points and `clusterCount >= 1`.
    package func train(points: UnsafeBufferPointer<Float>, dimension: Int) -> Result {
        let pointCount = points.count / dimension
        precondition(clusterCount >= 1 && pointCount >= clusterCount,
                     "KMeans: \(pointCount) points cannot make \(clusterCount) clusters")
        var centroids = seedCentroids(points: points, dimension: dimension)
        var history: [Double] = []
        var assignments = [Int32](repeating: 0, count: pointCount)
        var distances = [Float](repeating: 0, count: pointCount)
        for _ in 0..<iterations {
            let step = assignAndSum(points: points, dimension: dimension, centroids: centroids,
                                    assignments: &assignments, distances: &distances)
            history.append(step.objective)
            update(&centroids, with: step, dimension: dimension, points: points, distances: distances)
        }
        let final = assignAndSum(points: points, dimension: dimension, centroids: centroids,
                                 assignments: &assignments, distances: &distances)
        history.append(final.objective)
        return Result(centroids: centroids, objectiveHistory: history)
    }

    /// k-means++ seeding: the first centroid is a uniform point, each next one a point drawn
    /// with probability proportional to its squared distance from the nearest chosen centroid.
    /// When every point coincides with a chosen centroid, the next one is drawn uniformly.
    func seedCentroids(points: UnsafeBufferPointer<Float>, dimension: Int) -> [Float] {
        let pointCount = points.count / dimension
        var generator = SplitMix64(seed: seed)
        var centroids = [Float](repeating: 0, count: clusterCount * dimension)
        var nearest = [Float](repeating: .infinity, count: pointCount)
        var chosen = Int(generator.next() % UInt64(pointCount))
        for cluster in 0..<clusterCount {
            if cluster > 0 {
                let total = nearest.reduce(0.0) { $0 + Double($1) }
                if total > 0 {
                    let target = generator.nextUnitDouble() * total
                    var cumulative = 0.0
                    chosen = pointCount - 1
                    for index in 0..<pointCount {
                        cumulative += Double(nearest[index])
                        if cumulative > target && nearest[index] > 0 {
                            chosen = index
                            break
                        }
                    }
                } else {
                    chosen = Int(generator.next() % UInt64(pointCount))
                }
            }
            for column in 0..<dimension {
                centroids[cluster * dimension + column] = points[chosen * dimension + column]
            }
            // Tighten each point's distance to its nearest chosen centroid.
            let centre = Array(centroids[(cluster * dimension)..<((cluster + 1) * dimension)])
            nearest.withUnsafeMutableBufferPointer { nearest in
                forEachChunk(count: pointCount, threadCount: threadCount, minimumChunk: 4096) { _, range in
                    for index in range {
                        var sum: Float = 0
                        for column in 0..<dimension {
                            let difference = points[index * dimension + column] - centre[column]
                            sum += difference * difference
                        }
                        if sum < nearest[index] { nearest[index] = sum }
                    }
                }
            }
        }
        return centroids
    }

    /// Partial results of one assignment pass.
    struct AssignmentStep {
        var sums: [Double]
        var counts: [Int]
        var objective: Double
    }

    /// Assigns every point to its nearest centroid and sums the points of each cluster.
    func assignAndSum(
        points: UnsafeBufferPointer<Float>, dimension: Int, centroids: [Float],
        assignments: inout [Int32], distances: inout [Float]
    ) -> AssignmentStep {
        let pointCount = points.count / dimension
        let clusterCount = self.clusterCount
        let transposed = TransposedCentroids(centroids: centroids, count: clusterCount, dimension: dimension)
        let minimumChunk = 2048
        let chunks = chunkCount(count: pointCount, threadCount: threadCount, minimumChunk: minimumChunk)
        var partials = [AssignmentStep](
            repeating: AssignmentStep(sums: [], counts: [], objective: 0), count: max(chunks, 1))
        assignments.withUnsafeMutableBufferPointer { assignments in
            distances.withUnsafeMutableBufferPointer { distances in
                partials.withUnsafeMutableBufferPointer { partials in
                    forEachChunk(count: pointCount, threadCount: threadCount, minimumChunk: minimumChunk) { chunk, range in
                        var sums = [Double](repeating: 0, count: clusterCount * dimension)
                        var counts = [Int](repeating: 0, count: clusterCount)
                        var objective = 0.0
                        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: clusterCount)
                        defer { scratch.deallocate() }
                        for index in range {
                            let point = points.baseAddress! + index * dimension
                            let (cluster, distance) = transposed.nearest(to: point, scratch: scratch)
                            assignments[index] = Int32(cluster)
                            distances[index] = distance
                            objective += Double(distance)
                            counts[cluster] += 1
                            for column in 0..<dimension { sums[cluster * dimension + column] += Double(point[column]) }
                        }
                        partials[chunk] = AssignmentStep(sums: sums, counts: counts, objective: objective)
                    }
                }
            }
        }
        var total = AssignmentStep(
            sums: [Double](repeating: 0, count: clusterCount * dimension),
            counts: [Int](repeating: 0, count: clusterCount), objective: 0)
        for partial in partials where !partial.counts.isEmpty {
            for index in 0..<total.sums.count { total.sums[index] += partial.sums[index] }
            for index in 0..<clusterCount { total.counts[index] += partial.counts[index] }
            total.objective += partial.objective
        }
        return total
    }

    /// Moves each centroid to the mean of its points. An empty cluster takes the point that is
    /// farthest from its own centroid (a different point for each empty cluster); this never
    /// raises the objective, because no point is assigned to the moved centroid yet.
    func update(
        _ centroids: inout [Float], with step: AssignmentStep, dimension: Int,
        points: UnsafeBufferPointer<Float>, distances: [Float]
    ) {
        var emptyClusters: [Int] = []
        for cluster in 0..<clusterCount {
            let count = step.counts[cluster]
            guard count > 0 else {
                emptyClusters.append(cluster)
                continue
            }
            for column in 0..<dimension {
                centroids[cluster * dimension + column] = Float(step.sums[cluster * dimension + column] / Double(count))
            }
        }
        guard !emptyClusters.isEmpty else { return }
        let farthest = distances.indices.sorted { distances[$0] > distances[$1] || (distances[$0] == distances[$1] && $0 < $1) }
        for (cluster, point) in zip(emptyClusters, farthest) {
            for column in 0..<dimension {
                centroids[cluster * dimension + column] = points[point * dimension + column]
            }
        }
    }
}

/// Centroids stored column by column (`dimension x count`), so the squared distances from a
/// point to all centroids are computed by a loop over centroids that vectorizes.
struct TransposedCentroids: Sendable {
    let count: Int
    let dimension: Int
    let components: [Float]

    /// - Parameter centroids: `count x dimension`, row-major.
    init(centroids: some Collection<Float>, count: Int, dimension: Int) {
        let rowMajor = Array(centroids)
        var components = [Float](repeating: 0, count: count * dimension)
        for centroid in 0..<count {
            for column in 0..<dimension { components[column * count + centroid] = rowMajor[centroid * dimension + column] }
        }
        self.count = count
        self.dimension = dimension
        self.components = components
    }

    /// The nearest centroid to `point` and its squared distance; ties go to the lowest index.
    /// `scratch` holds at least `count` values.
    @inline(__always)
    func nearest(to point: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>) -> (index: Int, distance: Float) {
        let count = self.count
        scratch.initialize(repeating: 0, count: count)
        components.withUnsafeBufferPointer { components in
            for column in 0..<dimension {
                let value = point[column]
                let row = components.baseAddress! + column * count
                for centroid in 0..<count {
                    let difference = value - row[centroid]
                    scratch[centroid] += difference * difference
                }
            }
        }
        var best = 0
        var bestDistance = scratch[0]
        for centroid in 1..<count where scratch[centroid] < bestDistance {
            best = centroid
            bestDistance = scratch[centroid]
        }
        return (best, bestDistance)
    }
}
