import EmbeddingCompression

/// The deep part of DeepFM: fully connected layers with ReLU after each hidden layer and a
/// linear output of one value per sample.
///
/// Parameters live in the model's flat dense buffer from `baseOffset` on. Layer `k` stores its
/// weights input-major (`input x output`, so a forward pass adds scaled weight rows, which
/// vectorizes), then its `output` biases.
struct MultilayerPerceptron {
    /// `[input, hidden..., 1]`.
    let layerSizes: [Int]
    let weightOffsets: [Int]
    let biasOffsets: [Int]
    let parameterCount: Int

    init(inputSize: Int, hiddenSizes: [Int], baseOffset: Int) {
        layerSizes = [inputSize] + hiddenSizes + [1]
        var weightOffsets: [Int] = []
        var biasOffsets: [Int] = []
        var offset = baseOffset
        for layer in 0..<(layerSizes.count - 1) {
            weightOffsets.append(offset)
            offset += layerSizes[layer] * layerSizes[layer + 1]
            biasOffsets.append(offset)
            offset += layerSizes[layer + 1]
        }
        self.weightOffsets = weightOffsets
        self.biasOffsets = biasOffsets
        parameterCount = offset - baseOffset
    }

    var layerCount: Int { layerSizes.count - 1 }

    /// Draws weights and biases uniformly from `[-1/sqrt(fanIn), 1/sqrt(fanIn)]`, the default of
    /// PyTorch's `nn.Linear`, so the peer benchmark starts from the same distribution.
    func initialize(_ values: inout [Float], generator: inout SplitMix64) {
        for layer in 0..<layerCount {
            let bound = 1 / Float(layerSizes[layer]).squareRoot()
            let end = biasOffsets[layer] + layerSizes[layer + 1]
            for index in weightOffsets[layer]..<end {
                values[index] = (Float(generator.nextUnitDouble()) * 2 - 1) * bound
            }
        }
    }

    /// Buffers of one forward pass: the output of every layer after its activation.
    func makeActivations(sampleCount: Int) -> [[Float]] {
        (1..<layerSizes.count).map { [Float](repeating: 0, count: sampleCount * layerSizes[$0]) }
    }

    /// Computes the output of `sampleCount` rows of `input` (`sampleCount x layerSizes[0]`),
    /// keeping every layer's output in `activations`; the last layer's output is the result.
    func forward(parameters: UnsafePointer<Float>, input: UnsafePointer<Float>, sampleCount: Int,
                 activations: inout [[Float]]) {
        for layer in 0..<layerCount {
            let inputSize = layerSizes[layer], outputSize = layerSizes[layer + 1]
            let weights = parameters + weightOffsets[layer]
            let biases = parameters + biasOffsets[layer]
            let isHidden = layer < layerCount - 1
            let previous: UnsafePointer<Float>? = layer == 0 ? input : nil
            let previousActivations = layer == 0 ? [] : activations[layer - 1]
            activations[layer].withUnsafeMutableBufferPointer { output in
                previousActivations.withUnsafeBufferPointer { previousBuffer in
                    let source = previous ?? previousBuffer.baseAddress!
                    for sample in 0..<sampleCount {
                        let x = source + sample * inputSize
                        let y = output.baseAddress! + sample * outputSize
                        if outputSize == 1 {
                            y[0] = biases[0] + VectorKernels.dot(x, weights, count: inputSize)
                            continue
                        }
                        y.update(from: biases, count: outputSize)
                        for i in 0..<inputSize where x[i] != 0 {
                            VectorKernels.axpy(x[i], weights + i * outputSize, y, count: outputSize)
                        }
                        if isHidden {
                            for o in 0..<outputSize where y[o] < 0 { y[o] = 0 }
                        }
                    }
                }
            }
        }
    }

    /// Back-propagates `outputGradients` (one per sample): adds the parameter gradients into
    /// `gradients` (the dense gradient buffer, same layout as the parameters) and writes the
    /// gradient with respect to `input` into `inputGradients` (`sampleCount x layerSizes[0]`).
    func backward(parameters: UnsafePointer<Float>, input: UnsafePointer<Float>, sampleCount: Int,
                  activations: [[Float]], outputGradients: UnsafePointer<Float>,
                  gradients: UnsafeMutablePointer<Float>, inputGradients: UnsafeMutablePointer<Float>) {
        var delta = Array(UnsafeBufferPointer(start: outputGradients, count: sampleCount))
        for layer in stride(from: layerCount - 1, through: 0, by: -1) {
            let inputSize = layerSizes[layer], outputSize = layerSizes[layer + 1]
            let weights = parameters + weightOffsets[layer]
            let weightGradients = gradients + weightOffsets[layer]
            let biasGradients = gradients + biasOffsets[layer]
            var previousDelta = layer == 0 ? [] : [Float](repeating: 0, count: sampleCount * inputSize)
            let previousActivations = layer == 0 ? [] : activations[layer - 1]
            delta.withUnsafeBufferPointer { deltaBuffer in
                previousActivations.withUnsafeBufferPointer { previousBuffer in
                    previousDelta.withUnsafeMutableBufferPointer { previousDeltaBuffer in
                        let source = layer == 0 ? input : UnsafePointer(previousBuffer.baseAddress!)
                        let target = layer == 0 ? inputGradients : previousDeltaBuffer.baseAddress!
                        let d = deltaBuffer.baseAddress!
                        for sample in 0..<sampleCount {
                            let x = source + sample * inputSize
                            let sampleDelta = d + sample * outputSize
                            VectorKernels.axpy(1, sampleDelta, biasGradients, count: outputSize)
                            let dx = target + sample * inputSize
                            for i in 0..<inputSize {
                                // A hidden unit clipped by ReLU passes no gradient back.
                                if layer > 0 && x[i] <= 0 {
                                    dx[i] = 0
                                } else {
                                    dx[i] = VectorKernels.dot(weights + i * outputSize, sampleDelta, count: outputSize)
                                }
                            }
                        }
                        // Weight gradients row by row over all samples, so each gradient row
                        // stays in L1 cache while the samples' deltas stream past it.
                        for i in 0..<inputSize {
                            let row = weightGradients + i * outputSize
                            for sample in 0..<sampleCount {
                                let xi = source[sample * inputSize + i]
                                if xi != 0 { VectorKernels.axpy(xi, d + sample * outputSize, row, count: outputSize) }
                            }
                        }
                    }
                }
            }
            delta = previousDelta
        }
    }
}
