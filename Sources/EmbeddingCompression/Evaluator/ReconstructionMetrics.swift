import Dispatch

/// How closely a decoded table reproduces the original: relative mean squared error and the
/// mean cosine of each original row with its decoded row.
public struct ReconstructionMetrics: Sendable, Equatable {
    /// `sum ||x - x̂||² / sum ||x||²` over all rows; 0 for a perfect copy.
    public var relativeMSE: Double
    /// Mean over all rows of `cos(x, x̂)`. A row that is zero in both tables counts as 1,
    /// a row that is zero in only one of them counts as 0, because cosine is undefined there.
    public var meanCosine: Double

    public init(relativeMSE: Double, meanCosine: Double) {
        self.relativeMSE = relativeMSE
        self.meanCosine = meanCosine
    }

    /// Compares `decoded` with `original` row by row, on every core.
    /// - Precondition: both tables have the same shape.
    /// - Complexity: O(rowCount * dimension).
    public static func measure(original: EmbeddingTable, decoded: EmbeddingTable) -> ReconstructionMetrics {
        precondition(original.rowCount == decoded.rowCount && original.dimension == decoded.dimension,
                     "reconstruction: shapes \(original.rowCount) x \(original.dimension) and \(decoded.rowCount) x \(decoded.dimension) differ")
        let rowCount = original.rowCount, dimension = original.dimension
        let chunkRows = 4_096
        let chunkCount = (rowCount + chunkRows - 1) / chunkRows
        // Per chunk: squared error, squared norm of the original, sum of cosines.
        let partials = UnsafeMutableBufferPointer<SIMD4<Double>>.allocate(capacity: chunkCount)
        defer { partials.deallocate() }
        original.withUnsafeBufferPointer { originalValues in
            decoded.withUnsafeBufferPointer { decodedValues in
                let originalAddress = ConcurrentBufferAddress(originalValues)
                let decodedAddress = ConcurrentBufferAddress(decodedValues)
                let partials = ConcurrentBufferAddress(partials)
                DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                    let x = originalAddress.base, y = decodedAddress.base
                    var error = 0.0, norm = 0.0, cosines = 0.0
                    for row in (chunk * chunkRows)..<min(rowCount, (chunk + 1) * chunkRows) {
                        let base = row * dimension
                        var rowError: Float = 0, xx: Float = 0, yy: Float = 0, xy: Float = 0
                        for column in 0..<dimension {
                            let a = x[base + column], b = y[base + column]
                            let difference = a - b
                            rowError += difference * difference
                            xx += a * a
                            yy += b * b
                            xy += a * b
                        }
                        error += Double(rowError)
                        norm += Double(xx)
                        if xx == 0 || yy == 0 {
                            cosines += (xx == 0 && yy == 0) ? 1 : 0
                        } else {
                            cosines += Double(xy) / (Double(xx).squareRoot() * Double(yy).squareRoot())
                        }
                    }
                    partials.base[chunk] = SIMD4(error, norm, cosines, 0)
                }
            }
        }
        let total = partials.reduce(SIMD4<Double>(), +)
        let relativeMSE = total[1] > 0 ? total[0] / total[1] : (total[0] == 0 ? 0 : .infinity)
        return ReconstructionMetrics(relativeMSE: relativeMSE, meanCosine: total[2] / Double(rowCount))
    }
}
