@testable import BinaryCodes
import EmbeddingCompression
import Testing

/// A table with correlated columns and unequal variances, so PCA and ITQ have work to do.
func correlatedTable(rowCount: Int, dimension: Int, seed: UInt64) throws -> EmbeddingTable {
    var generator = SplitMix64(seed: seed)
    let mixing = (0..<(dimension * dimension)).map { _ in Float(generator.nextGaussian()) }
    var values = [Float](repeating: 0, count: rowCount * dimension)
    for row in 0..<rowCount {
        let latent = (0..<dimension).map { Float(generator.nextGaussian()) / Float($0 + 1) }
        for column in 0..<dimension {
            var value: Float = 0.5
            for k in 0..<dimension { value += mixing[column * dimension + k] * latent[k] }
            values[row * dimension + column] = value
        }
    }
    return try EmbeddingTable(rowCount: rowCount, dimension: dimension, values: values)
}

func relativeSquaredError(_ table: EmbeddingTable, _ compressed: any CompressedTable) throws -> Double {
    let decoded = try compressed.decodeAll().values()
    let original = table.values()
    var error = 0.0, total = 0.0
    for index in original.indices {
        error += Double((original[index] - decoded[index]) * (original[index] - decoded[index]))
        total += Double(original[index] * original[index])
    }
    return error / total
}

@Suite("Binarizers")
struct BinarizerTests {
    @Test("sign-rotation bits are signs of the rotated rows")
    func signRotationBits() throws {
        let table = try correlatedTable(rowCount: 200, dimension: 20, seed: 1)
        let compressed = try SignRotationCompressor().compress(table, bits: 12, seed: 3, threadCount: 2)
        let rotation = Orthogonal.randomRotation(size: 20, seed: 3)
        let values = table.values()
        var means = [Double](repeating: 0, count: 20)
        for row in 0..<200 { for column in 0..<20 { means[column] += Double(values[row * 20 + column]) / 200 } }
        var disagreements = 0
        for row in 0..<200 {
            for bit in 0..<12 {
                var dot = 0.0
                for column in 0..<20 { dot += rotation[bit, column] * (Double(values[row * 20 + column]) - means[column]) }
                // Values within rounding of zero may land on either side.
                if abs(dot) > 1e-4 && (dot > 0) != compressed.codes.bit(row: row, bit: bit) { disagreements += 1 }
            }
        }
        #expect(disagreements == 0)
        #expect(compressed.decodesToApproximation == false)
    }

    @Test("ITQ quantization loss does not increase")
    func itqLossNonIncreasing() throws {
        let table = try correlatedTable(rowCount: 600, dimension: 16, seed: 2)
        let fit = try ITQCompressor(iterations: 30, trainingRows: 600).fit(table, bits: 8, seed: 4)
        #expect(fit.quantizationLosses.count == 30)
        for (before, after) in zip(fit.quantizationLosses, fit.quantizationLosses.dropFirst()) {
            #expect(after <= before * (1 + 1e-12), "loss rose from \(before) to \(after)")
        }
        #expect(fit.quantizationLosses.last! < fit.quantizationLosses.first!)
    }

    @Test("ITQ projection rows are orthonormal")
    func itqProjectionOrthonormal() throws {
        let table = try correlatedTable(rowCount: 300, dimension: 10, seed: 6)
        let fit = try ITQCompressor(iterations: 5, trainingRows: 300).fit(table, bits: 6, seed: 1)
        for a in 0..<6 {
            for b in 0..<6 {
                var dot: Float = 0
                for k in 0..<10 { dot += fit.projection[a * 10 + k] * fit.projection[b * 10 + k] }
                #expect(abs(dot - (a == b ? 1 : 0)) < 1e-4)
            }
        }
    }

    @Test("residual error falls with more steps")
    func residualErrorFalls() throws {
        let table = try correlatedTable(rowCount: 400, dimension: 24, seed: 3)
        let compressor = ResidualBinarizationCompressor()
        var previous = Double.infinity
        for steps in 1...4 {
            let error = try relativeSquaredError(table, compressor.compress(table, steps: steps, threadCount: 2))
            #expect(error < previous, "steps \(steps): \(error) is not below \(previous)")
            previous = error
        }
    }

    @Test("residual result does not depend on threads")
    func residualThreadIndependent() throws {
        let table = try correlatedTable(rowCount: 333, dimension: 7, seed: 8)
        let one = try ResidualBinarizationCompressor().compress(table, steps: 3, threadCount: 1)
        let two = try ResidualBinarizationCompressor().compress(table, steps: 3, threadCount: 2)
        #expect(one.codes == two.codes)
        #expect(one.scales == two.scales)
    }

    @Test("budget picks the code length", arguments: [64, 100])
    func budgetPicksCodeLength(dimension: Int) throws {
        let rowCount = 300
        let table = try correlatedTable(rowCount: rowCount, dimension: dimension, seed: 4)
        let context = CompressionContext(seed: 1, threadCount: 2)
        for fraction in [1.0 / 16, 1.0 / 8, 1.0 / 4] {
            let budget = Budget.fraction(fraction).bytes(float32Bytes: table.float32Bytes)
            for compressor in [SignRotationCompressor(), ITQCompressor(iterations: 3), ResidualBinarizationCompressor()] as [any TableCompressor] {
                do {
                    let compressed = try compressor.compress(table, budgetBytes: budget, context: context)
                    #expect(compressed.footprintBytes <= budget, "\(compressor.identifier) at \(fraction)")
                    let bits = Int(compressed.parameters["bits"]!)!
                    #expect(bits <= budget * 8 / rowCount)
                } catch let error as CompressionError {
                    guard case .infeasibleBudget(_, _, let smallest) = error else { throw error }
                    #expect(smallest > budget)
                }
            }
        }
    }

    @Test("code length is capped at the dimension")
    func codeLengthCappedAtDimension() throws {
        // 1/16 of 64 Float32 values is 128 bits per row, capped at 64 bits; with 4,000 rows the
        // 64 x 64 projection (16 KiB) and the mean still fit next to one word per row.
        let table = try correlatedTable(rowCount: 4_000, dimension: 64, seed: 5)
        let budget = Budget.fraction(1.0 / 16).bytes(float32Bytes: table.float32Bytes)
        let compressed = try SignRotationCompressor().compress(table, budgetBytes: budget, context: CompressionContext(threadCount: 2))
        #expect(compressed.parameters["bits"] == "64")
        #expect(compressed.footprintBytes == 4_000 * 8 + 64 * 4 + 64 * 64 * 4)
    }

    @Test("containers round trip bit for bit")
    func containerRoundTrip() throws {
        var registry = MethodRegistry()
        BinaryCodesPlugin.register(into: &registry)
        let table = try correlatedTable(rowCount: 300, dimension: 70, seed: 9)
        let context = CompressionContext(seed: 2, threadCount: 2)
        for identifier in ["sign-rotation", "itq", "residual-binarization"] {
            let compressor = try #require(try registry.method(named: identifier) as? any TableCompressor)
            let compressed = try compressor.compress(table, budgetBytes: table.float32Bytes / 4, context: context)
            let contents = ContainerContents(
                metadata: TableMetadata(methodIdentifier: compressed.methodIdentifier, rowCount: compressed.rowCount,
                                        dimension: compressed.dimension, parameters: compressed.parameters),
                sections: compressed.containerSections())
            let restored = try registry.decodeTable(from: contents)
            #expect(restored.footprintBytes == compressed.footprintBytes, "\(identifier)")
            let before = try compressed.decodeAll().values(), after = try restored.decodeAll().values()
            #expect(before == after, "\(identifier)")
            let restoredSections = restored.containerSections()
            for (original, copy) in zip(compressed.containerSections(), restoredSections) {
                #expect(original.name == copy.name)
                #expect(original.payload == copy.payload, "\(identifier) section \(original.name)")
            }
        }
    }

    @Test("damaged container is rejected")
    func damagedContainer() throws {
        let table = try correlatedTable(rowCount: 50, dimension: 8, seed: 1)
        let compressed = try SignRotationCompressor().compress(table, bits: 8, seed: 1, threadCount: 1)
        var sections = compressed.containerSections()
        sections[0].payload.removeLast(8)
        let contents = ContainerContents(
            metadata: TableMetadata(methodIdentifier: "sign-rotation", rowCount: 50, dimension: 8, parameters: compressed.parameters),
            sections: sections)
        #expect(throws: BinaryCodesError.self) { try BinaryProjectionTable(contents: contents) }
    }

    @Test("non-finite value is rejected")
    func nonFiniteRejected() throws {
        let table = try EmbeddingTable(rowCount: 2, dimension: 2, values: [1, 2, .nan, 4])
        #expect(throws: BinaryCodesError.nonFiniteValue(row: 1, column: 0)) {
            try SignRotationCompressor().compress(table, bits: 2, seed: 1, threadCount: 1)
        }
    }

    @Test("re-ranked neighbours are the exact ones within the shortlist")
    func rerankedNeighbours() throws {
        let table = try correlatedTable(rowCount: 400, dimension: 32, seed: 12)
        let compressed = try ITQCompressor(iterations: 5).compress(table, bits: 32, seed: 1, threadCount: 2)
        let queryRows = [3, 100, 250]
        let plain = compressed.nearestNeighbours(ofRows: queryRows, k: 5, reranking: nil)
        let reranked = compressed.nearestNeighbours(ofRows: queryRows, k: 5, reranking: table)
        let shortlists = HammingSearch.neighbours(ofRows: queryRows, in: compressed.codes, k: 50)
        let values = table.values()
        func cosine(_ a: Int, _ b: Int) -> Double {
            var dot = 0.0, na = 0.0, nb = 0.0
            for k in 0..<32 {
                dot += Double(values[a * 32 + k] * values[b * 32 + k])
                na += Double(values[a * 32 + k] * values[a * 32 + k])
                nb += Double(values[b * 32 + k] * values[b * 32 + k])
            }
            return dot / (na * nb).squareRoot()
        }
        for (index, query) in queryRows.enumerated() {
            #expect(plain[index].count == 5)
            #expect(!reranked[index].contains(query))
            let expected = shortlists[index].sorted { cosine(query, $0) > cosine(query, $1) }.prefix(5)
            #expect(reranked[index] == Array(expected))
        }
    }
}
