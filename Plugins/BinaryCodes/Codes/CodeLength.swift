/// How a budget picks the code length of a binarizer.
///
/// Codes are stored in whole 64-bit words, so the budget first gives at most
/// `floor(budgetBytes * 8 / rowCount)` bits per row rounded down to a multiple of 64. The
/// method caps that at the most bits it supports, and the word count drops while the codes
/// plus the method's per-table parameters (means, projection, scales) exceed the budget.
enum CodeLength {
    /// The largest code length in bits whose footprint fits `budgetBytes`, or nil when even
    /// one word per row does not fit.
    /// - Parameters:
    ///   - bitsForWords: the code length the method uses with `words` words per row (at most `64 * words`).
    ///   - footprint: exact serving bytes for a code length in bits.
    static func largestFitting(
        rowCount: Int, budgetBytes: Int, bitsForWords: (Int) -> Int, footprint: (Int) -> Int
    ) -> Int? {
        guard rowCount > 0, budgetBytes > 0 else { return nil }
        var words = budgetBytes * 8 / rowCount / 64
        while words >= 1 {
            let bits = bitsForWords(words)
            if bits > 0 && footprint(bits) <= budgetBytes { return bits }
            words -= 1
        }
        return nil
    }

    /// Bytes of packed codes: `rowCount * ceil(bits / 64) * 8`.
    static func codeBytes(rowCount: Int, bits: Int) -> Int { rowCount * ((bits + 63) / 64) * 8 }
}
