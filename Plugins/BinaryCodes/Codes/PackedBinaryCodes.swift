import CKernels

/// A table of binary codes, `bitCount` bits per row packed into `wordsPerRow` 64-bit words.
///
/// Bit `j` of a row is bit `j % 64` of word `j / 64` (least significant first). Bits past
/// `bitCount` in the last word are always zero, so they never add to a Hamming distance.
public struct PackedBinaryCodes: Sendable, Equatable {
    public let rowCount: Int
    /// Code length in bits.
    public let bitCount: Int
    /// 64-bit words per row: `ceil(bitCount / 64)`.
    public let wordsPerRow: Int
    /// `rowCount * wordsPerRow` words, row after row.
    public private(set) var words: [UInt64]

    /// Creates an all-zero table.
    public init(rowCount: Int, bitCount: Int) {
        precondition(rowCount >= 0 && bitCount > 0, "codes need a positive bit count, got \(bitCount)")
        self.rowCount = rowCount
        self.bitCount = bitCount
        self.wordsPerRow = (bitCount + 63) / 64
        self.words = [UInt64](repeating: 0, count: rowCount * wordsPerRow)
    }

    /// Wraps existing words.
    /// - Throws: `BinaryCodesError.invalidCodes` when the word count does not match the shape
    ///   or a padding bit past `bitCount` is set.
    public init(rowCount: Int, bitCount: Int, words: [UInt64]) throws {
        guard rowCount >= 0, bitCount > 0 else {
            throw BinaryCodesError.invalidCodes(reason: "shape \(rowCount) rows x \(bitCount) bits is not positive")
        }
        let wordsPerRow = (bitCount + 63) / 64
        guard words.count == rowCount * wordsPerRow else {
            throw BinaryCodesError.invalidCodes(
                reason: "\(words.count) words for \(rowCount) rows of \(bitCount) bits; expected \(rowCount * wordsPerRow)")
        }
        let tailBits = bitCount % 64
        if tailBits != 0 {
            let paddingMask = ~((UInt64(1) << UInt64(tailBits)) - 1)
            for row in 0..<rowCount where words[row * wordsPerRow + wordsPerRow - 1] & paddingMask != 0 {
                throw BinaryCodesError.invalidCodes(reason: "row \(row) has bits set past bit \(bitCount)")
            }
        }
        self.rowCount = rowCount
        self.bitCount = bitCount
        self.wordsPerRow = wordsPerRow
        self.words = words
    }

    /// Wraps words that the caller built with clear padding bits.
    init(rowCount: Int, bitCount: Int, trustedWords words: [UInt64]) {
        precondition(words.count == rowCount * ((bitCount + 63) / 64), "packed codes: word count does not match the shape")
        self.rowCount = rowCount
        self.bitCount = bitCount
        self.wordsPerRow = (bitCount + 63) / 64
        self.words = words
    }

    /// Bytes of the packed codes.
    public var byteCount: Int { words.count * 8 }

    /// Bit `bit` of row `row`.
    public func bit(row: Int, bit: Int) -> Bool {
        (words[row * wordsPerRow + bit / 64] >> UInt64(bit % 64)) & 1 == 1
    }

    /// Sets bit `bit` of row `row` to `value`.
    public mutating func setBit(row: Int, bit: Int, to value: Bool) {
        let index = row * wordsPerRow + bit / 64
        let mask = UInt64(1) << UInt64(bit % 64)
        if value { words[index] |= mask } else { words[index] &= ~mask }
    }

    /// Packs signs: bit `j` of row `r` is set when `values[r * stride + j] > 0`.
    /// Used by every binarizer, so zero maps to the 0 bit everywhere.
    public init(signsOf values: UnsafeBufferPointer<Float>, rowCount: Int, bitCount: Int, stride: Int) {
        self.init(rowCount: rowCount, bitCount: bitCount)
        let wordsPerRow = self.wordsPerRow
        words.withUnsafeMutableBufferPointer { output in
            for row in 0..<rowCount {
                let base = row * stride
                for word in 0..<wordsPerRow {
                    var packed: UInt64 = 0
                    let first = word * 64
                    let last = min(first + 64, bitCount)
                    for bit in first..<last where values[base + bit] > 0 {
                        packed |= UInt64(1) << UInt64(bit - first)
                    }
                    output[row * wordsPerRow + word] = packed
                }
            }
        }
    }

    /// Number of set bits in `words`, counted by the CPU-dispatched kernel of CKernels.
    public static func popcount(_ words: [UInt64]) -> Int {
        words.withUnsafeBufferPointer { Int(ck_popcount($0.baseAddress, $0.count)) }
    }

    /// Returns the Hamming distance between row `a` and row `b`.
    public func hammingDistance(row a: Int, row b: Int) -> Int {
        words.withUnsafeBufferPointer { buffer in
            Int(ck_hamming_distance(buffer.baseAddress! + a * wordsPerRow, buffer.baseAddress! + b * wordsPerRow, wordsPerRow))
        }
    }

    /// Copies the given rows, in that order, into a new table.
    public func gathering(rows: [Int]) -> PackedBinaryCodes {
        var result = PackedBinaryCodes(rowCount: rows.count, bitCount: bitCount)
        for (index, row) in rows.enumerated() {
            for word in 0..<wordsPerRow {
                result.words[index * wordsPerRow + word] = words[row * wordsPerRow + word]
            }
        }
        return result
    }
}
