import EmbeddingCompression
import Testing
@testable import Quantization

@Suite struct Int4RowwiseTests {
    @Test func matchesReferenceQuantizer() throws { try RowwiseChecks.matchesReference(bits: 4) }
    @Test func errorWithinHalfStep() throws { try RowwiseChecks.errorWithinBound(bits: 4) }
    @Test func constantRowDecodesToBias() throws { try RowwiseChecks.constantRowDecodesToBias(bits: 4) }
    @Test func inexactConstantRowDecodesEvenly() throws { try RowwiseChecks.inexactConstantRowDecodesEvenly(bits: 4) }
    @Test func footprintIsBufferSize() throws { try RowwiseChecks.footprintIsBufferSize(bits: 4) }
    @Test func infeasibleBudgetNamesSmallest() throws { try RowwiseChecks.infeasibleBudgetNamesSmallest(bits: 4) }
    @Test func batchDecodeAndPooledLookup() throws { try RowwiseChecks.batchDecodeAndPooledLookup(bits: 4) }
    @Test func nonFiniteAndOverflowRejected() throws { try RowwiseChecks.nonFiniteAndOverflowAreRejected(bits: 4) }

    /// Row [0, 15, 1, 14, 2]: scale 1, bias 0, codes equal the values. Two codes per byte with
    /// the first in the low nibble: 0xF0, 0xE1, then the odd last code 0x02 alone; then fp16
    /// 1.0 and 0.0. Stride ceil(5 / 2) + 4 = 7 bytes.
    @Test func nibblesPackLowFirst() throws {
        let table = try EmbeddingTable(rowCount: 1, dimension: 5, values: [0, 15, 1, 14, 2])
        let quantized = try RowwiseChecks.quantize(table, bits: 4)
        #expect(quantized.rowStride == 7)
        #expect(quantized.fusedRows == [0xF0, 0xE1, 0x02, 0x00, 0x3C, 0x00, 0x00])
    }
}
