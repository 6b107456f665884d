/// Transposes a column-major (Fortran order) matrix into row-major order.
enum BlockedTranspose {
    /// Rows and columns per tile: a 64 x 64 Float32 tile is 16 KiB, so the source and the
    /// destination tile both stay in L1 cache while one is read with a stride.
    private static let tile = 64

    /// Writes the row-major form of the `rows x columns` column-major matrix at `source` into
    /// `destination`. Element (r, c) moves from `source[c * rows + r]` to `destination[r * columns + c]`.
    /// - Complexity: O(rows * columns), in tiles so both sides are read in cache lines.
    static func columnMajorToRowMajor(
        _ source: UnsafePointer<Float>, rows: Int, columns: Int, into destination: UnsafeMutablePointer<Float>
    ) {
        let tile = Self.tile
        let rowTiles = (rows + tile - 1) / tile
        ParallelChunks.forEach(count: rowTiles, minimumChunk: max(1, (1 << 16) / max(columns, 1))) { tiles in
            for rowTile in tiles {
                let rowStart = rowTile * tile
                let rowEnd = min(rows, rowStart + tile)
                var columnStart = 0
                while columnStart < columns {
                    let columnEnd = min(columns, columnStart + tile)
                    for row in rowStart..<rowEnd {
                        let target = destination + row * columns
                        for column in columnStart..<columnEnd {
                            target[column] = source[column * rows + row]
                        }
                    }
                    columnStart = columnEnd
                }
            }
        }
    }
}
