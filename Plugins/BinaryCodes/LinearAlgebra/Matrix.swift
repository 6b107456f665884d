/// A small dense Float64 matrix, row-major. Used for covariances, rotations and projections
/// of at most a few hundred rows and columns, where Float64 keeps Jacobi sweeps accurate.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "matrix \(rows) x \(columns) needs \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public init(zeros rows: Int, _ columns: Int) {
        self.init(rows: rows, columns: columns, values: [Double](repeating: 0, count: rows * columns))
    }

    public static func identity(_ size: Int) -> Matrix {
        var result = Matrix(zeros: size, size)
        for index in 0..<size { result[index, index] = 1 }
        return result
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    public var transposed: Matrix {
        var result = Matrix(zeros: columns, rows)
        for row in 0..<rows {
            for column in 0..<columns { result.values[column * rows + row] = values[row * columns + column] }
        }
        return result
    }

    /// The product `self * other`, rows of the result split across two threads when large.
    /// - Complexity: O(rows * columns * other.columns).
    public func multiplied(by other: Matrix) -> Matrix {
        precondition(columns == other.rows, "cannot multiply \(rows) x \(columns) by \(other.rows) x \(other.columns)")
        var result = Matrix(zeros: rows, other.columns)
        let width = other.columns, inner = columns
        let threads = rows * columns * width >= 1 << 20 ? 2 : 1
        values.withUnsafeBufferPointer { leftBuffer in
            other.values.withUnsafeBufferPointer { rightBuffer in
                result.values.withUnsafeMutableBufferPointer { outputBuffer in
                    let left = SharedBuffer(leftBuffer), right = SharedBuffer(rightBuffer)
                    let output = SharedMutableBuffer(outputBuffer)
                    forEachRowRange(count: rows, threadCount: threads) { _, range in
                        // i-k-j order streams rows of `other`, which the compiler vectorizes.
                        for i in range {
                            for k in 0..<inner {
                                let factor = left[i * inner + k]
                                if factor == 0 { continue }
                                for j in 0..<width { output[i * width + j] += factor * right[k * width + j] }
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// The largest absolute entry of `self - other`.
    public func maximumDifference(from other: Matrix) -> Double {
        precondition(rows == other.rows && columns == other.columns, "shapes differ")
        var largest = 0.0
        for index in values.indices { largest = max(largest, abs(values[index] - other.values[index])) }
        return largest
    }
}
