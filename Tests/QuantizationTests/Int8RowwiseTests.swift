import EmbeddingCompression
import Testing
@testable import Quantization

@Suite struct Int8RowwiseTests {
    @Test func matchesReferenceQuantizer() throws { try RowwiseChecks.matchesReference(bits: 8) }
    @Test func errorWithinHalfStep() throws { try RowwiseChecks.errorWithinBound(bits: 8) }
    @Test func constantRowDecodesToBias() throws { try RowwiseChecks.constantRowDecodesToBias(bits: 8) }
    @Test func inexactConstantRowDecodesEvenly() throws { try RowwiseChecks.inexactConstantRowDecodesEvenly(bits: 8) }
    @Test func footprintIsBufferSize() throws { try RowwiseChecks.footprintIsBufferSize(bits: 8) }
    @Test func infeasibleBudgetNamesSmallest() throws { try RowwiseChecks.infeasibleBudgetNamesSmallest(bits: 8) }
    @Test func batchDecodeAndPooledLookup() throws { try RowwiseChecks.batchDecodeAndPooledLookup(bits: 8) }
    @Test func nonFiniteAndOverflowRejected() throws { try RowwiseChecks.nonFiniteAndOverflowAreRejected(bits: 8) }

    /// Row [0, 255, 51, 102]: min 0 and max 255 give scale 1 and bias 0, so the codes are the
    /// values themselves, followed by fp16 1.0 (0x3C00) and 0.0, little-endian.
    @Test func handComputedRowBytes() throws {
        let table = try EmbeddingTable(rowCount: 1, dimension: 4, values: [0, 255, 51, 102])
        let quantized = try RowwiseChecks.quantize(table, bits: 8)
        #expect(quantized.fusedRows == [0, 255, 51, 102, 0x00, 0x3C, 0x00, 0x00])
    }

    /// Row [-1, 1, 0]: bias fp16(-1) = 0xBC00, scale fp16(2 / 255); 0 sits 1 / scale steps
    /// above the bias, which rounds to code 128 (127.5 before fp16 rounding of the scale).
    @Test func signedRowCodes() throws {
        let table = try EmbeddingTable(rowCount: 1, dimension: 3, values: [-1, 1, 0])
        let quantized = try RowwiseChecks.quantize(table, bits: 8)
        let scale = Float16(Float(2) / 255)
        let middle = Int((1 / Float(scale)).rounded(.toNearestOrEven))
        #expect(unpackCodes(quantized, row: 0) == [0, 255, middle])
        #expect(storedScaleAndBias(quantized, row: 0).bias.bitPattern == 0xBC00)
        #expect(storedScaleAndBias(quantized, row: 0).scale.bitPattern == scale.bitPattern)
    }
}
