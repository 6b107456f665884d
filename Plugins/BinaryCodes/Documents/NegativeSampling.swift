import EmbeddingCompression
import Foundation

/// One stochastic gradient step of PV-DBOW with negative sampling (Mikolov et al. 2013;
/// Le and Mikolov 2014), optionally through the sigmoid code layer of Binary PV-DBOW.
///
/// For a document with parameters `p` the document vector is `h = 2σ(p) - 1` (binary) or
/// `h = p` (real-valued). The binary model's code layer is the sigmoid of the paper, centred
/// on zero. With output biases, `u · (2σ(p) - 1) + c` equals `2u · σ(p) + (c - Σu)`, so the
/// model family is the same. Centring keeps SGD from starting where every code unit is 0.5
/// and all words move along one shared direction. The stored bit is `σ(p) > 0.5`, that is
/// `h > 0`. For the observed word `w` and noise words `n₁…n_K`, with output vectors `u`
/// and output biases `c`, the loss is
///
///     L = -log σ(u_w · h + c_w) - Σ_k log σ(-(u_{n_k} · h + c_{n_k}))
///
/// and the step moves every parameter against its gradient at the current point:
/// `∂L/∂u_j = g_j h`, `∂L/∂c_j = g_j` and `∂L/∂h = Σ_j g_j u_j`, where `g_j = σ(u_j · h + c_j) - y_j`
/// and `y_j` is 1 for the observed word and 0 for noise; `∂L/∂p = ∂L/∂h ⊙ (1 - h²) / 2` in the
/// binary model. The output biases are an addition to the paper's model: they absorb word
/// frequency, which the non-negative binary codes cannot.
enum NegativeSampling {
    /// Applies one step. `targets[0]` is the observed word, the rest are noise words.
    /// - Parameters:
    ///   - documentParameters: `p`, `dimension` values, updated in place.
    ///   - hidden, gradient: scratch of `dimension` values each.
    ///   - updateWords: false freezes `u` and `c` (inference of codes for unseen documents).
    @inline(__always)
    static func step(
        documentParameters: UnsafeMutablePointer<Float>, wordVectors: UnsafeMutablePointer<Float>,
        wordBiases: UnsafeMutablePointer<Float>, targets: UnsafeBufferPointer<Int32>, dimension: Int,
        binary: Bool, straightThrough: Bool = false, learningRate: Float, updateWords: Bool,
        hidden: UnsafeMutablePointer<Float>, gradient: UnsafeMutablePointer<Float>
    ) {
        for index in 0..<dimension {
            // Binary: h = 2σ(p) - 1, the sigmoid code layer centred on zero.
            if !binary {
                hidden[index] = documentParameters[index]
            } else if straightThrough {
                hidden[index] = documentParameters[index] > 0 ? 1 : -1
            } else {
                hidden[index] = 2 / (1 + exp(-documentParameters[index])) - 1
            }
            gradient[index] = 0
        }
        for (position, word) in targets.enumerated() {
            let vector = wordVectors + Int(word) * dimension
            let score = VectorKernels.dot(vector, hidden, count: dimension) + wordBiases[Int(word)]
            let label: Float = position == 0 ? 1 : 0
            let g = sigmoid(score) - label
            VectorKernels.axpy(g, vector, gradient, count: dimension)
            if updateWords {
                VectorKernels.axpy(-learningRate * g, hidden, vector, count: dimension)
                wordBiases[Int(word)] -= learningRate * g
            }
        }
        for index in 0..<dimension {
            // dh/dp = 2σ(p)(1 - σ(p)) = (1 - h²) / 2 for h = 2σ(p) - 1.
            var chain: Float = 1
            if binary {
                let soft = straightThrough ? 2 / (1 + exp(-documentParameters[index])) - 1 : hidden[index]
                chain = (1 - soft * soft) / 2
            }
            documentParameters[index] -= learningRate * gradient[index] * chain
        }
    }

    /// Returns σ(x), with |x| > 30 answered without calling exp.
    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        if x > 30 { return 1 }
        if x < -30 { return 0 }
        return 1 / (1 + exp(-x))
    }
}
