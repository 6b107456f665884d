/// Measures how fast a compressed table decodes random batches of rows, as a serving lookup does.
public enum DecodeThroughput {
    /// Rows per batch, a typical serving lookup size.
    public static let batchRows = 4_096

    /// Decodes random batches of `batchRows` row ids (drawn with `seed`) on one thread until at
    /// least `minimumSeconds` have passed and at least three batches ran, and returns rows per second.
    /// The row ids are drawn before timing starts, so only `decode(rows:into:)` is timed.
    public static func rowsPerSecond(of table: any CompressedTable, seed: UInt64, minimumSeconds: Double) -> Double {
        var generator = SplitMix64(seed: seed)
        let batchCount = 16
        let rowCount = UInt64(table.rowCount)
        let batches = (0..<batchCount).map { _ in
            (0..<batchRows).map { _ in Int(generator.next() % rowCount) }
        }
        var output = [Float](repeating: 0, count: batchRows * table.dimension)
        let clock = ContinuousClock()
        var decodedRows = 0
        var batch = 0
        let start = clock.now
        var elapsed = 0.0
        repeat {
            batches[batch % batchCount].withUnsafeBufferPointer { rows in
                output.withUnsafeMutableBufferPointer { table.decode(rows: rows, into: $0) }
            }
            decodedRows += batchRows
            batch += 1
            elapsed = (clock.now - start).seconds
        } while elapsed < minimumSeconds || batch < 3
        return Double(decodedRows) / max(elapsed, 1e-9)
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
