@testable import BinaryCodes
import EmbeddingCompression
import Testing

func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix {
    var generator = SplitMix64(seed: seed)
    return Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in generator.nextGaussian() })
}

func trace(_ m: Matrix) -> Double { (0..<m.rows).reduce(0) { $0 + m[$1, $1] } }

@Suite("Linear algebra")
struct LinearAlgebraTests {
    @Test("random rotation is orthogonal", arguments: [1, 5, 50, 97])
    func rotationIsOrthogonal(size: Int) {
        let r = Orthogonal.randomRotation(size: size, seed: 42)
        #expect(r.multiplied(by: r.transposed).maximumDifference(from: .identity(size)) < 1e-12)
        #expect(r.transposed.multiplied(by: r).maximumDifference(from: .identity(size)) < 1e-12)
    }

    @Test("Jacobi eigenpairs satisfy A v = λ v")
    func eigenpairs() {
        let b = randomMatrix(12, 12, seed: 5)
        let a = b.transposed.multiplied(by: b)
        let eigen = SymmetricEigen(a)
        let av = a.multiplied(by: eigen.eigenvectors)
        for column in 0..<12 {
            for row in 0..<12 {
                #expect(abs(av[row, column] - eigen.eigenvalues[column] * eigen.eigenvectors[row, column]) < 1e-9)
            }
        }
        #expect(zip(eigen.eigenvalues, eigen.eigenvalues.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(abs(eigen.eigenvalues.reduce(0, +) - trace(a)) < 1e-9)
    }

    @Test("Procrustes beats random rotations")
    func procrustesIsOptimal() {
        let m = randomMatrix(8, 8, seed: 9)
        let r = Orthogonal.procrustes(m)
        #expect(r.multiplied(by: r.transposed).maximumDifference(from: .identity(8)) < 1e-9)
        let best = trace(r.transposed.multiplied(by: m))
        for seed in 0..<50 {
            let q = Orthogonal.randomRotation(size: 8, seed: UInt64(seed))
            #expect(trace(q.transposed.multiplied(by: m)) <= best + 1e-9)
        }
        // trace(Rᵀ M) at the optimum is the nuclear norm of M, the sum of its singular values.
        let singularSum = SymmetricEigen(m.transposed.multiplied(by: m)).eigenvalues.reduce(0) { $0 + max($1, 0).squareRoot() }
        #expect(abs(best - singularSum) < 1e-8)
    }

    @Test("Procrustes of a rank-deficient matrix is orthogonal")
    func procrustesRankDeficient() {
        var m = randomMatrix(6, 6, seed: 2)
        for column in 0..<6 { m[5, column] = m[4, column] }  // two equal rows: rank 5
        for column in 0..<6 { m[3, column] = 0 }  // a zero row: rank 4
        let r = Orthogonal.procrustes(m)
        #expect(r.multiplied(by: r.transposed).maximumDifference(from: .identity(6)) < 1e-9)
    }
}
