import EmbeddingCompression
import Foundation

/// Sign codes of a linear projection: bit `j` of row `x` is set when
/// `projection[j] · (x - mean) > 0`. Produced by `sign-rotation` and `itq`.
///
/// Serving bytes (`footprintBytes`): the packed codes, `rowCount * ceil(bits / 64) * 8`, plus
/// the Float32 mean (`dimension * 4`) and projection (`bits * dimension * 4`), because both are
/// needed to encode a new query. The table stores codes only, so `decode` does not
/// approximate the original rows: it writes +1 for a set bit and -1 for a clear bit in the
/// first `bits` values of each row and 0 in the remaining `dimension - bits` values.
public struct BinaryProjectionTable: NeighbourSearchable {
    public let methodIdentifier: String
    public let dimension: Int
    /// Mean of each column, subtracted before projecting (`dimension` values).
    public let mean: [Float]
    /// `bits x dimension`, row-major: one projection direction per code bit.
    public let projection: [Float]
    public let codes: PackedBinaryCodes
    /// Method settings besides `bits`, stored in the container header.
    let extraParameters: [String: String]

    public init(methodIdentifier: String, dimension: Int, mean: [Float], projection: [Float],
                codes: PackedBinaryCodes, extraParameters: [String: String] = [:]) {
        precondition(mean.count == dimension && projection.count == codes.bitCount * dimension,
                     "projection table: mean or projection does not match \(codes.bitCount) bits x \(dimension)")
        self.methodIdentifier = methodIdentifier
        self.dimension = dimension
        self.mean = mean
        self.projection = projection
        self.codes = codes
        self.extraParameters = extraParameters
    }

    public var rowCount: Int { codes.rowCount }
    public var bits: Int { codes.bitCount }
    public var parameters: [String: String] { extraParameters.merging(["bits": String(bits)]) { _, new in new } }
    public var footprintBytes: Int { codes.byteCount + mean.count * 4 + projection.count * 4 }
    public var decodesToApproximation: Bool { false }

    public func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == rows.count * dimension,
                     "decode: output holds \(output.count) values, expected \(rows.count) x \(dimension)")
        for (index, row) in rows.enumerated() {
            precondition(row >= 0 && row < rowCount, "row \(row) is outside 0..<\(rowCount)")
            for column in 0..<dimension {
                output[index * dimension + column] = column < bits ? (codes.bit(row: row, bit: column) ? 1 : -1) : 0
            }
        }
    }

    public func nearestNeighbours(ofRows queryRows: [Int], k: Int, reranking: EmbeddingTable?) -> [[Int]] {
        FloatReranking.nearestNeighbours(codes: codes, queryRows: queryRows, k: k, reranking: reranking)
    }

    /// Encodes new vectors (row-major, `dimension` values each) with this table's mean and
    /// projection, for example queries that are not rows of the table.
    public func encode(_ vectors: EmbeddingTable, threadCount: Int = HammingSearch.defaultThreadCount) -> PackedBinaryCodes {
        ProjectionEncoder.encode(vectors, mean: mean, projection: projection, bits: bits, threadCount: threadCount)
    }

    public func containerSections() -> [ContainerSection] {
        [
            ContainerSection(name: "codes", elementType: .uint64, values: codes.words),
            ContainerSection(name: "mean", elementType: .float32, values: mean),
            ContainerSection(name: "projection", elementType: .float32, values: projection),
        ]
    }

    /// Rebuilds a table from a container written by `containerSections()`.
    /// - Throws: `BinaryCodesError` or `ContainerError` when a section or parameter is missing
    ///   or has the wrong length.
    public init(contents: ContainerContents) throws {
        let metadata = contents.metadata
        let bits = try ContainerParameters.positiveInteger("bits", in: metadata.parameters)
        guard bits <= metadata.dimension else {
            throw BinaryCodesError.invalidParameter(name: "bits", value: String(bits), expected: "at most the dimension \(metadata.dimension)")
        }
        let words = try contents.section(named: "codes").values(as: UInt64.self)
        let mean = try contents.section(named: "mean").values(as: Float.self)
        let projection = try contents.section(named: "projection").values(as: Float.self)
        guard mean.count == metadata.dimension else {
            throw ContainerError.sectionTypeMismatch(section: "mean", expected: "\(metadata.dimension) float32", found: "\(mean.count) float32")
        }
        guard projection.count == bits * metadata.dimension else {
            throw ContainerError.sectionTypeMismatch(
                section: "projection", expected: "\(bits * metadata.dimension) float32", found: "\(projection.count) float32")
        }
        let codes = try PackedBinaryCodes(rowCount: metadata.rowCount, bitCount: bits, words: words)
        var extra = metadata.parameters
        extra["bits"] = nil
        self.init(methodIdentifier: metadata.methodIdentifier, dimension: metadata.dimension, mean: mean,
                  projection: projection, codes: codes, extraParameters: extra)
    }
}

/// Reading integer parameters from a container header.
enum ContainerParameters {
    static func positiveInteger(_ name: String, in parameters: [String: String]) throws -> Int {
        guard let text = parameters[name], let value = Int(text), value > 0 else {
            throw BinaryCodesError.invalidParameter(name: name, value: parameters[name], expected: "a positive integer")
        }
        return value
    }
}
