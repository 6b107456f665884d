import EmbeddingCompression
import Foundation

/// Adam or Adagrad over a flat buffer of dense parameters (global bias and MLP weights), all
/// of which receive a gradient every batch. No L2 penalty is applied to dense parameters.
final class DenseOptimizer {
    let configuration: OptimizerConfiguration
    private var firstMoment: [Float]
    private var secondMoment: [Float]
    private var stepCount = 0

    init(parameterCount: Int, configuration: OptimizerConfiguration) {
        self.configuration = configuration
        firstMoment = [Float](repeating: 0, count: parameterCount)
        secondMoment = [Float](repeating: 0, count: parameterCount)
    }

    /// Applies one step of the optimizer to `values` with `gradients`.
    func step(values: inout [Float], gradients: [Float]) {
        stepCount += 1
        let c = configuration
        let biasCorrection1 = 1 - pow(c.beta1, Float(stepCount))
        let biasCorrection2 = 1 - pow(c.beta2, Float(stepCount))
        let count = values.count
        // Raw pointers keep exclusivity and bounds checks out of the per-value loop.
        values.withUnsafeMutableBufferPointer { values in
            gradients.withUnsafeBufferPointer { gradients in
                firstMoment.withUnsafeMutableBufferPointer { first in
                    secondMoment.withUnsafeMutableBufferPointer { second in
                        for index in 0..<count {
                            let gradient = gradients[index]
                            switch c.kind {
                            case .adam:
                                first[index] = c.beta1 * first[index] + (1 - c.beta1) * gradient
                                second[index] = c.beta2 * second[index] + (1 - c.beta2) * gradient * gradient
                                let corrected1 = first[index] / biasCorrection1
                                let corrected2 = second[index] / biasCorrection2
                                values[index] -= c.learningRate * corrected1 / (corrected2.squareRoot() + c.epsilon)
                            case .adagrad:
                                second[index] += gradient * gradient
                                values[index] -= c.learningRate * gradient / (second[index].squareRoot() + c.epsilon)
                            }
                        }
                    }
                }
            }
        }
    }
}
