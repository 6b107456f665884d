/// A trainable `rowCount x dimension` Float32 matrix whose gradients arrive for a few rows per
/// batch and whose optimizer updates only those rows.
///
/// Gradients accumulate in a compact buffer indexed by the order in which rows were first
/// touched in the batch, so `applyGradients` costs O(touched rows * dimension), not O(table).
public final class SparseParameterTable {
    public let rowCount: Int
    public let dimension: Int
    /// Parameter values, row-major.
    public var values: [Float]
    let optimizer: OptimizerConfiguration
    private var firstMoment: [Float]
    private var secondMoment: [Float]
    private var stepCount: Int = 0
    /// Slot of each row in `gradients`, or -1 when the row was not touched in this batch.
    private var slotOfRow: [Int32]
    private var touchedRows: [Int32] = []
    private var gradients: [Float] = []

    /// Creates a table with values drawn uniformly from `[-scale, scale]` by a seeded generator.
    public init(rowCount: Int, dimension: Int, optimizer: OptimizerConfiguration, initialScale: Float, seed: UInt64) {
        self.rowCount = rowCount
        self.dimension = dimension
        self.optimizer = optimizer
        var generator = SplitMix64(seed: seed)
        values = (0..<(rowCount * dimension)).map { _ in
            (Float(generator.nextUnitDouble()) * 2 - 1) * initialScale
        }
        firstMoment = optimizer.kind == .adam ? [Float](repeating: 0, count: rowCount * dimension) : []
        secondMoment = [Float](repeating: 0, count: rowCount * dimension)
        slotOfRow = [Int32](repeating: -1, count: rowCount)
    }

    /// Serving bytes of the values as Float32.
    public var float32Bytes: Int { rowCount * dimension * 4 }

    /// Rows touched since the last `applyGradients`, in first-touch order.
    public var pendingRows: [Int32] { touchedRows }

    /// Adds `scale * gradient` (`dimension` values) to the pending gradient of `row`.
    @inline(__always)
    public func accumulate(row: Int, gradient: UnsafeBufferPointer<Float>, scale: Float = 1) {
        var slot = Int(slotOfRow[row])
        if slot < 0 {
            slot = touchedRows.count
            slotOfRow[row] = Int32(slot)
            touchedRows.append(Int32(row))
            gradients.append(contentsOf: repeatElement(0, count: dimension))
        }
        let base = slot * dimension
        gradients.withUnsafeMutableBufferPointer { pending in
            for column in 0..<dimension { pending[base + column] += scale * gradient[column] }
        }
    }

    /// The pending gradient of `row` (zeros when untouched), for gradient checks.
    public func pendingGradient(row: Int) -> [Float] {
        let slot = Int(slotOfRow[row])
        guard slot >= 0 else { return [Float](repeating: 0, count: dimension) }
        return Array(gradients[(slot * dimension)..<((slot + 1) * dimension)])
    }

    /// Drops pending gradients without applying them.
    public func discardGradients() {
        for row in touchedRows { slotOfRow[Int(row)] = -1 }
        touchedRows.removeAll(keepingCapacity: true)
        gradients.removeAll(keepingCapacity: true)
    }

    /// Applies one optimizer step to every touched row, then clears the pending gradients.
    public func applyGradients() {
        guard !touchedRows.isEmpty else { return }
        stepCount += 1
        let configuration = optimizer
        let dimension = self.dimension
        let step = Float(stepCount)
        let biasCorrection1 = 1 - pow(configuration.beta1, step)
        let biasCorrection2 = 1 - pow(configuration.beta2, step)
        values.withUnsafeMutableBufferPointer { values in
            firstMoment.withUnsafeMutableBufferPointer { first in
                secondMoment.withUnsafeMutableBufferPointer { second in
                    gradients.withUnsafeBufferPointer { pending in
                        for (slot, row) in touchedRows.enumerated() {
                            let base = Int(row) * dimension
                            for column in 0..<dimension {
                                let index = base + column
                                let gradient = pending[slot * dimension + column] + configuration.l2 * values[index]
                                switch configuration.kind {
                                case .adam:
                                    first[index] = configuration.beta1 * first[index] + (1 - configuration.beta1) * gradient
                                    second[index] = configuration.beta2 * second[index] + (1 - configuration.beta2) * gradient * gradient
                                    let corrected1 = first[index] / biasCorrection1
                                    let corrected2 = second[index] / biasCorrection2
                                    values[index] -= configuration.learningRate * corrected1 / (corrected2.squareRoot() + configuration.epsilon)
                                case .adagrad:
                                    second[index] += gradient * gradient
                                    values[index] -= configuration.learningRate * gradient / (second[index].squareRoot() + configuration.epsilon)
                                }
                            }
                        }
                    }
                }
            }
        }
        discardGradients()
    }
}

import Foundation
