import EmbeddingCompression

/// Orthogonal matrices: seeded random rotations and the orthogonal Procrustes solution.
public enum Orthogonal {
    /// A random `size x size` orthogonal matrix: Gaussian entries orthonormalised row by row
    /// with modified Gram-Schmidt (run twice for Float64-level orthogonality).
    public static func randomRotation(size: Int, seed: UInt64) -> Matrix {
        var generator = SplitMix64(seed: seed)
        var result = Matrix(zeros: size, size)
        for index in result.values.indices { result.values[index] = generator.nextGaussian() }
        orthonormaliseRows(&result, generator: &generator)
        return result
    }

    /// Makes the rows of `matrix` orthonormal in place; a row that becomes numerically zero is
    /// replaced by a fresh Gaussian row and orthonormalised again.
    static func orthonormaliseRows(_ matrix: inout Matrix, generator: inout SplitMix64) {
        let n = matrix.columns
        precondition(matrix.rows <= n, "cannot make \(matrix.rows) rows of length \(n) orthonormal")
        var row = 0
        while row < matrix.rows {
            for _ in 0..<2 {
                for previous in 0..<row {
                    var dot = 0.0
                    for k in 0..<n { dot += matrix[row, k] * matrix[previous, k] }
                    for k in 0..<n { matrix[row, k] -= dot * matrix[previous, k] }
                }
            }
            var norm = 0.0
            for k in 0..<n { norm += matrix[row, k] * matrix[row, k] }
            norm = norm.squareRoot()
            if norm < 1e-10 {
                for k in 0..<n { matrix[row, k] = generator.nextGaussian() }
                continue
            }
            for k in 0..<n { matrix[row, k] /= norm }
            row += 1
        }
    }

    /// The orthogonal `R` that maximises `trace(Rᵀ M)`, that is the polar factor `U Vᵀ` of
    /// `M = U S Vᵀ` (orthogonal Procrustes). Computed from the eigen-decomposition
    /// `MᵀM = V S² Vᵀ`: `U = M V S⁻¹`; columns of `U` whose singular value is numerically zero
    /// are completed to an orthonormal set, which keeps `R` orthogonal for rank-deficient `M`.
    /// - Parameter rightVectors: on input an optional guess of `V` (for example from the
    ///   previous ITQ iteration), on output the `V` found; it only speeds up the solver.
    public static func procrustes(_ m: Matrix, rightVectors: inout Matrix?) -> Matrix {
        precondition(m.rows == m.columns, "Procrustes needs a square matrix, got \(m.rows) x \(m.columns)")
        let n = m.rows
        let eigen = SymmetricEigen(m.transposed.multiplied(by: m), initialVectors: rightVectors)
        rightVectors = eigen.eigenvectors
        let v = eigen.eigenvectors
        let mv = m.multiplied(by: v)
        let largest = max(eigen.eigenvalues.first ?? 0, 0).squareRoot()
        // Columns of U as rows, so Gram-Schmidt can complete the deficient ones.
        var uRows = Matrix(zeros: n, n)
        var generator = SplitMix64(seed: 0x5EED)
        for column in 0..<n {
            let singular = max(eigen.eigenvalues[column], 0).squareRoot()
            if singular > largest * 1e-10 && singular > 0 {
                for row in 0..<n { uRows[column, row] = mv[row, column] / singular }
            } else {
                for row in 0..<n { uRows[column, row] = generator.nextGaussian() }
            }
        }
        orthonormaliseRows(&uRows, generator: &generator)
        // R = U Vᵀ = uRowsᵀ Vᵀ.
        return uRows.transposed.multiplied(by: v.transposed)
    }

    /// Returns the orthogonal Procrustes solution, computed without a starting guess.
    public static func procrustes(_ m: Matrix) -> Matrix {
        var noGuess: Matrix? = nil
        return procrustes(m, rightVectors: &noGuess)
    }
}
