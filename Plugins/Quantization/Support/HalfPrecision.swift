/// Conversions between Float and IEEE 754 half precision written with integer and float
/// arithmetic that inlines and vectorizes.
///
/// On the default x86-64 target (no F16C instructions) `Float16(_:)` and `Float(_:)` call the
/// compiler-rt routines `__truncsfhf2` and `__extendhfsf2`, which cost more than the rest of a
/// row's quantization together. These give the same results: round to nearest with ties to
/// even, NaN stays NaN (quiet), overflow becomes infinity, subnormals are exact.
enum HalfPrecision {
    /// Rounds `value` to the nearest fp16 bit pattern, ties to even.
    @inline(__always)
    static func bits(from value: Float) -> UInt16 {
        let bits = value.bitPattern
        let sign = UInt16(truncatingIfNeeded: (bits >> 16) & 0x8000)
        let magnitude = bits & 0x7FFF_FFFF
        let result: UInt32
        if magnitude >= 0x4780_0000 {
            // |value| >= 65536, infinity or NaN. Values from 65520 up to 65536 also round to
            // infinity. They take the general path below, whose rounding carries into the
            // exponent and yields 0x7C00.
            result = magnitude > 0x7F80_0000 ? 0x7E00 : 0x7C00
        } else if magnitude < 0x3880_0000 {
            // |value| < 2^-14: the half is subnormal or zero. Adding 0.5 aligns the 10 kept bits
            // at the bottom of the float's fraction, and the float addition rounds to nearest
            // even exactly as the half must.
            let aligned = Float(bitPattern: magnitude) + 0.5
            result = aligned.bitPattern &- Float(0.5).bitPattern
        } else {
            // Normal half: rebias the exponent (127 -> 15), then add just under half of the
            // dropped 13 bits plus the kept lowest bit, so the truncation rounds to nearest even.
            let keptLowestBit = (magnitude >> 13) & 1
            result = (magnitude &+ 0xC800_0FFF &+ keptLowestBit) >> 13
        }
        return sign | UInt16(truncatingIfNeeded: result)
    }

    /// Widens the half with bit pattern `bits` to the Float of equal value.
    @inline(__always)
    static func float(fromBits bits: UInt16) -> Float {
        let magnitude = UInt32(bits & 0x7FFF) << 13
        // Placing the half's exponent and fraction in a float and scaling by 2^112 rebiases
        // the exponent (15 -> 127) exactly, subnormal halves included.
        var value = Float(bitPattern: magnitude) * 0x1p112
        if magnitude >= 0x0F80_0000 {
            value = Float(bitPattern: magnitude | 0x7F80_0000)  // infinity or NaN
        }
        return Float(bitPattern: value.bitPattern | (UInt32(bits & 0x8000) << 16))
    }
}
