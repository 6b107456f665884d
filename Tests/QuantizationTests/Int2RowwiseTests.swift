import EmbeddingCompression
import Testing
@testable import Quantization

@Suite struct Int2RowwiseTests {
    @Test func matchesReferenceQuantizer() throws { try RowwiseChecks.matchesReference(bits: 2) }
    @Test func errorWithinHalfStep() throws { try RowwiseChecks.errorWithinBound(bits: 2) }
    @Test func constantRowDecodesToBias() throws { try RowwiseChecks.constantRowDecodesToBias(bits: 2) }
    @Test func inexactConstantRowDecodesEvenly() throws { try RowwiseChecks.inexactConstantRowDecodesEvenly(bits: 2) }
    @Test func footprintIsBufferSize() throws { try RowwiseChecks.footprintIsBufferSize(bits: 2) }
    @Test func infeasibleBudgetNamesSmallest() throws { try RowwiseChecks.infeasibleBudgetNamesSmallest(bits: 2) }
    @Test func batchDecodeAndPooledLookup() throws { try RowwiseChecks.batchDecodeAndPooledLookup(bits: 2) }
    @Test func nonFiniteAndOverflowRejected() throws { try RowwiseChecks.nonFiniteAndOverflowAreRejected(bits: 2) }

    /// Row [0, 1, 2, 3]: scale 1, bias 0, codes 0, 1, 2, 3 packed lowest bits first:
    /// 0 | 1 << 2 | 2 << 4 | 3 << 6 = 0xE4, then fp16 1.0 and 0.0.
    @Test func handComputedRowBytes() throws {
        let table = try EmbeddingTable(rowCount: 1, dimension: 4, values: [0, 1, 2, 3])
        let quantized = try RowwiseChecks.quantize(table, bits: 2)
        #expect(quantized.fusedRows == [0xE4, 0x00, 0x3C, 0x00, 0x00])
    }

    /// Row [3, 2, 1, 0, 1, 2]: six codes need two bytes; the second holds codes 1 and 2 in its
    /// low four bits: 3 | 2 << 2 | 1 << 4 | 0 << 6 = 0x1B and 1 | 2 << 2 = 0x09.
    @Test func partialLastByte() throws {
        let table = try EmbeddingTable(rowCount: 1, dimension: 6, values: [3, 2, 1, 0, 1, 2])
        let quantized = try RowwiseChecks.quantize(table, bits: 2)
        #expect(quantized.fusedRows == [0x1B, 0x09, 0x00, 0x3C, 0x00, 0x00])
        #expect(decodedValues(quantized) == [3, 2, 1, 0, 1, 2])
    }
}
