/// Eigen-decomposition of a real symmetric matrix by cyclic Jacobi rotations.
///
/// Jacobi is slower than tridiagonal QR for large matrices but short, accurate and plenty
/// for the covariance matrices here (dimension up to a few hundred): each sweep costs
/// O(n^3) and 6 to 10 sweeps reach Float64 precision.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in descending order.
    public let eigenvalues: [Double]
    /// Eigenvectors as columns, in the order of `eigenvalues`.
    public let eigenvectors: Matrix

    /// Decomposes `matrix`, which must be square and symmetric up to rounding.
    /// - Parameter initialVectors: an orthogonal guess of the eigenvectors (columns), for
    ///   example those of a nearby matrix. Jacobi then starts from `Vᵀ A V`, which is nearly
    ///   diagonal, and needs far fewer sweeps.
    public init(_ matrix: Matrix, initialVectors: Matrix? = nil, maximumSweeps: Int = 30) {
        precondition(matrix.rows == matrix.columns, "eigen-decomposition needs a square matrix, got \(matrix.rows) x \(matrix.columns)")
        let n = matrix.rows
        var a = matrix.values
        var v = Matrix.identity(n).values
        if let initialVectors {
            precondition(initialVectors.rows == n && initialVectors.columns == n, "initial eigenvectors must be \(n) x \(n)")
            a = initialVectors.transposed.multiplied(by: matrix).multiplied(by: initialVectors).values
            v = initialVectors.values
        }
        var scale = 0.0
        for value in a { scale = max(scale, abs(value)) }
        let tolerance = max(scale, .leastNormalMagnitude) * 1e-15

        for _ in 0..<maximumSweeps {
            var offDiagonal = 0.0
            for p in 0..<n { for q in (p + 1)..<max(p + 1, n) { offDiagonal = max(offDiagonal, abs(a[p * n + q])) } }
            if offDiagonal <= tolerance { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) {
                    let apq = a[p * n + q]
                    if abs(apq) <= tolerance { continue }
                    // Rotation angle that zeroes a[p][q] (Golub and Van Loan, symmetric Schur).
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }

        let order = (0..<n).sorted { a[$0 * n + $0] > a[$1 * n + $1] }
        eigenvalues = order.map { a[$0 * n + $0] }
        var vectors = Matrix(zeros: n, n)
        for (column, source) in order.enumerated() {
            for row in 0..<n { vectors[row, column] = v[row * n + source] }
        }
        eigenvectors = vectors
    }
}
