/// The second-order term of a factorization machine over the pooled field embeddings of one
/// sample, by the identity `sum_{f<g} <e_f, e_g> = 1/2 sum_d ((sum_f e_fd)^2 - sum_f e_fd^2)`,
/// which costs O(fields x dimension) instead of O(fields^2 x dimension).
enum FactorizationMachine {
    /// The interaction term of `fieldCount` embeddings of `dimension` values at `embeddings`;
    /// writes `sum_f e_f` into `fieldSum` for the backward pass.
    @inline(__always)
    static func interaction(embeddings: UnsafePointer<Float>, fieldCount: Int, dimension: Int,
                            fieldSum: UnsafeMutablePointer<Float>) -> Float {
        fieldSum.update(repeating: 0, count: dimension)
        var sumOfSquares: Float = 0
        for field in 0..<fieldCount {
            let e = embeddings + field * dimension
            VectorKernels.axpy(1, e, fieldSum, count: dimension)
            sumOfSquares += VectorKernels.dot(e, e, count: dimension)
        }
        return 0.5 * (VectorKernels.dot(fieldSum, fieldSum, count: dimension) - sumOfSquares)
    }

    /// Adds `outputGradient * d(interaction)/d(e_f) = outputGradient * (sum_g e_g - e_f)` to
    /// `embeddingGradients` for every field.
    @inline(__always)
    static func backward(embeddings: UnsafePointer<Float>, fieldSum: UnsafePointer<Float>,
                         fieldCount: Int, dimension: Int, outputGradient: Float,
                         embeddingGradients: UnsafeMutablePointer<Float>) {
        for field in 0..<fieldCount {
            let e = embeddings + field * dimension
            let g = embeddingGradients + field * dimension
            VectorKernels.axpy(outputGradient, fieldSum, g, count: dimension)
            VectorKernels.axpy(-outputGradient, e, g, count: dimension)
        }
    }
}
