import Testing
@testable import Quantization

/// The inlined conversions against the standard library's Float16, which follows IEEE 754.
@Suite struct HalfPrecisionTests {
    @Test func everyHalfWidensExactly() {
        for pattern in 0...UInt16.max {
            let expected = Float(Float16(bitPattern: pattern))
            let actual = HalfPrecision.float(fromBits: pattern)
            if expected.isNaN {
                #expect(actual.isNaN, "half 0x\(String(pattern, radix: 16))")
            } else {
                #expect(actual.bitPattern == expected.bitPattern, "half 0x\(String(pattern, radix: 16))")
            }
        }
    }

    /// Every midpoint between neighbouring halves is a tie that must round to the even one,
    /// and the values just beside it must round to the nearer one.
    @Test func tiesRoundToEven() {
        for pattern in UInt16(0)..<0x7C00 {
            let low = Float(Float16(bitPattern: pattern))
            let high = Float(Float16(bitPattern: pattern + 1))
            let middle = (low + high) / 2  // exact: a half has 11 significant bits, a Float 24
            for value in [middle, middle.nextDown, middle.nextUp, -middle] {
                #expect(HalfPrecision.bits(from: value) == Float16(value).bitPattern, "value \(value)")
            }
        }
    }

    /// A spread of Float bit patterns across every exponent, plus the edges of the half range.
    @Test func sampledFloatsNarrowLikeFloat16() {
        var pattern: UInt32 = 0
        while true {
            let value = Float(bitPattern: pattern)
            let expected = Float16(value)
            let actual = HalfPrecision.bits(from: value)
            if expected.isNaN {
                #expect(Float16(bitPattern: actual).isNaN, "float 0x\(String(pattern, radix: 16))")
            } else {
                #expect(actual == expected.bitPattern, "float 0x\(String(pattern, radix: 16))")
            }
            let (next, overflow) = pattern.addingReportingOverflow(65_521)
            if overflow { break }
            pattern = next
        }
        for value: Float in [65504, 65519.99, 65520, 65536, 1e10, .infinity, 0x1p-24, 0x1p-25, 0x1.8p-25, 0x1p-26, 0, -0.0] {
            #expect(HalfPrecision.bits(from: value) == Float16(value).bitPattern, "value \(value)")
        }
    }
}
