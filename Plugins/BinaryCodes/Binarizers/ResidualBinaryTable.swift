import EmbeddingCompression
import Foundation

/// Codes of `residual-binarization`: `steps` sign bits per dimension with per-step,
/// per-dimension scales. Row `r` decodes to `mean + Σ_s scales[s] ⊙ (±1 bits of step s)`.
///
/// Bit layout: bit `s * dimension + j` of a row is the sign of dimension `j` at step `s`.
/// Serving bytes: the packed codes plus the Float32 mean (`4 * dimension`) and scales
/// (`4 * steps * dimension`). Plain neighbour search is Hamming distance over all bits, which
/// weighs every step equally; re-ranking against the float table corrects that.
public struct ResidualBinaryTable: NeighbourSearchable {
    public let methodIdentifier = "residual-binarization"
    public let dimension: Int
    public let steps: Int
    public let mean: [Float]
    /// `steps x dimension`, row-major.
    public let scales: [Float]
    public let codes: PackedBinaryCodes

    public init(dimension: Int, steps: Int, mean: [Float], scales: [Float], codes: PackedBinaryCodes) {
        precondition(mean.count == dimension && scales.count == steps * dimension && codes.bitCount == steps * dimension,
                     "residual table: shapes do not match \(steps) steps x \(dimension)")
        self.dimension = dimension
        self.steps = steps
        self.mean = mean
        self.scales = scales
        self.codes = codes
    }

    public var rowCount: Int { codes.rowCount }
    public var parameters: [String: String] { ["steps": String(steps), "bits": String(codes.bitCount)] }
    public var footprintBytes: Int { codes.byteCount + 4 * mean.count + 4 * scales.count }
    public var decodesToApproximation: Bool { true }

    public func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == rows.count * dimension,
                     "decode: output holds \(output.count) values, expected \(rows.count) x \(dimension)")
        let wordsPerRow = codes.wordsPerRow
        codes.words.withUnsafeBufferPointer { words in
            for (index, row) in rows.enumerated() {
                precondition(row >= 0 && row < rowCount, "row \(row) is outside 0..<\(rowCount)")
                let base = row * wordsPerRow
                for column in 0..<dimension { output[index * dimension + column] = mean[column] }
                for step in 0..<steps {
                    for column in 0..<dimension {
                        let bit = step * dimension + column
                        let set = (words[base + bit / 64] >> UInt64(bit % 64)) & 1 == 1
                        let scale = scales[step * dimension + column]
                        output[index * dimension + column] += set ? scale : -scale
                    }
                }
            }
        }
    }

    public func nearestNeighbours(ofRows queryRows: [Int], k: Int, reranking: EmbeddingTable?) -> [[Int]] {
        FloatReranking.nearestNeighbours(codes: codes, queryRows: queryRows, k: k, reranking: reranking)
    }

    public func containerSections() -> [ContainerSection] {
        [
            ContainerSection(name: "codes", elementType: .uint64, values: codes.words),
            ContainerSection(name: "mean", elementType: .float32, values: mean),
            ContainerSection(name: "scales", elementType: .float32, values: scales),
        ]
    }

    /// Rebuilds a table from a container written by `containerSections()`.
    public init(contents: ContainerContents) throws {
        let metadata = contents.metadata
        let steps = try ContainerParameters.positiveInteger("steps", in: metadata.parameters)
        let words = try contents.section(named: "codes").values(as: UInt64.self)
        let mean = try contents.section(named: "mean").values(as: Float.self)
        let scales = try contents.section(named: "scales").values(as: Float.self)
        guard mean.count == metadata.dimension else {
            throw ContainerError.sectionTypeMismatch(section: "mean", expected: "\(metadata.dimension) float32", found: "\(mean.count) float32")
        }
        guard scales.count == steps * metadata.dimension else {
            throw ContainerError.sectionTypeMismatch(
                section: "scales", expected: "\(steps * metadata.dimension) float32", found: "\(scales.count) float32")
        }
        let codes = try PackedBinaryCodes(rowCount: metadata.rowCount, bitCount: steps * metadata.dimension, words: words)
        self.init(dimension: metadata.dimension, steps: steps, mean: mean, scales: scales, codes: codes)
    }
}
