/// Per-row kernels of row-wise asymmetric quantization in FBGEMM's fused layout.
///
/// A row of `d` values becomes `codeBytes = ceil(d * bits / 8)` bytes of codes, then the
/// fp16 scale and the fp16 bias (little-endian), so the row stride is `codeBytes + 4`.
/// With 4 and 2 bits, value `j` sits in byte `j / (8 / bits)` at bit offset
/// `(j % (8 / bits)) * bits`: the first value of a byte takes its lowest bits.
enum RowwiseKernels {
    /// Outcome of quantizing one row.
    enum RowStatus {
        case valid
        case nonFinite
        case outsideHalfRange
    }

    /// Bytes of codes in a row of `dimension` values at `bits` bits per value.
    static func codeBytes(dimension: Int, bits: Int) -> Int { (dimension * bits + 7) / 8 }

    /// Minimum and maximum of a row.
    ///
    /// Eight independent accumulators, because one chain of compares is the bottleneck of
    /// quantization (each compare waits for the previous one); NaN values are skipped here
    /// and caught by the code pass.
    @inline(__always)
    static func minMax(_ x: UnsafePointer<Float>, count: Int) -> (min: Float, max: Float) {
        var min0 = x[0], min1 = x[0], min2 = x[0], min3 = x[0]
        var min4 = x[0], min5 = x[0], min6 = x[0], min7 = x[0]
        var max0 = x[0], max1 = x[0], max2 = x[0], max3 = x[0]
        var max4 = x[0], max5 = x[0], max6 = x[0], max7 = x[0]
        var index = 0
        while index + 8 <= count {
            let v0 = x[index], v1 = x[index + 1], v2 = x[index + 2], v3 = x[index + 3]
            let v4 = x[index + 4], v5 = x[index + 5], v6 = x[index + 6], v7 = x[index + 7]
            min0 = Swift.min(min0, v0); max0 = Swift.max(max0, v0)
            min1 = Swift.min(min1, v1); max1 = Swift.max(max1, v1)
            min2 = Swift.min(min2, v2); max2 = Swift.max(max2, v2)
            min3 = Swift.min(min3, v3); max3 = Swift.max(max3, v3)
            min4 = Swift.min(min4, v4); max4 = Swift.max(max4, v4)
            min5 = Swift.min(min5, v5); max5 = Swift.max(max5, v5)
            min6 = Swift.min(min6, v6); max6 = Swift.max(max6, v6)
            min7 = Swift.min(min7, v7); max7 = Swift.max(max7, v7)
            index += 8
        }
        while index < count {
            min0 = Swift.min(min0, x[index]); max0 = Swift.max(max0, x[index])
            index += 1
        }
        let low = Swift.min(Swift.min(Swift.min(min0, min1), Swift.min(min2, min3)),
                            Swift.min(Swift.min(min4, min5), Swift.min(min6, min7)))
        let high = Swift.max(Swift.max(Swift.max(max0, max1), Swift.max(max2, max3)),
                             Swift.max(Swift.max(max4, max5), Swift.max(max6, max7)))
        return (low, high)
    }

    /// Scale and bias of one row, computed as FBGEMM's FloatOrHalfToFusedNBitRowwiseQuantizedSBHalf
    /// reference does: the bias is `min` rounded to fp16, the scale is `(max - bias) / (2^bits - 1)`
    /// rounded to fp16, and a scale of 0 (a constant row) or one whose reciprocal overflows is
    /// stored as 1 so that every code of the row is 0 and decodes to the bias.
    struct Parameters {
        var scale: Float16
        var bias: Float16
        /// `Float(scale)` and `Float(bias)`: the values codes are computed with, so decoding
        /// reproduces exactly what quantization assumed.
        var scaleValue: Float
        var biasValue: Float
        var inverseScale: Float

        @inline(__always)
        init(minimum: Float, maximum: Float, levels: Float) {
            bias = Float16(minimum)
            biasValue = Float(bias)
            let range = maximum - biasValue
            var scaleValue = range == 0 ? 1 : range / levels
            scale = Float16(scaleValue)
            scaleValue = Float(scale)
            if scaleValue == 0 { scaleValue = 1 }
            var inverseScale = 1 / scaleValue
            if inverseScale.isInfinite {
                scaleValue = 1
                inverseScale = 1
            }
            scale = Float16(scaleValue)
            self.scaleValue = scaleValue
            self.inverseScale = inverseScale
        }

        var isFinite: Bool { scale.isFinite && bias.isFinite }
    }

    /// Quantizes one row into `output` (`codeBytes + 4` bytes). `scratch` holds at least
    /// `count` bytes and is used for the unpacked codes of 4- and 2-bit rows.
    @inline(__always)
    static func quantizeRow(
        _ x: UnsafePointer<Float>, count: Int, bits: Int,
        into output: UnsafeMutablePointer<UInt8>, scratch: UnsafeMutablePointer<UInt8>
    ) -> RowStatus {
        let levels = Float((1 << bits) - 1)
        let (minimum, maximum) = minMax(x, count: count)
        let parameters = Parameters(minimum: minimum, maximum: maximum, levels: levels)
        let codes = bits == 8 ? output : scratch
        let bias = parameters.biasValue, inverseScale = parameters.inverseScale
        // Branch-free so the loop vectorizes: clamp to [0, levels], then adding 2^23 rounds to
        // the nearest integer with ties to even (as lrintf does) and leaves it in the low
        // mantissa bits. The exponent test flags NaN and infinite inputs.
        var nonFinite: UInt32 = 0
        for index in 0..<count {
            let value = x[index]
            let scaled = Swift.min(Swift.max((value - bias) * inverseScale, 0), levels)
            codes[index] = UInt8(truncatingIfNeeded: (scaled + 0x1p23).bitPattern)
            nonFinite |= (value.bitPattern & 0x7F80_0000) == 0x7F80_0000 ? 1 : 0
        }
        let codeBytes = codeBytes(dimension: count, bits: bits)
        if bits == 4 {
            packNibbles(codes, count: count, into: output)
        } else if bits == 2 {
            packCrumbs(codes, count: count, into: output)
        }
        let parameterBytes = UnsafeMutableRawPointer(output + codeBytes)
        parameterBytes.storeBytes(of: parameters.scale.bitPattern.littleEndian, as: UInt16.self)
        parameterBytes.storeBytes(of: parameters.bias.bitPattern.littleEndian, toByteOffset: 2, as: UInt16.self)
        if nonFinite != 0 { return .nonFinite }
        return parameters.isFinite ? .valid : .outsideHalfRange
    }

    /// Packs 4-bit codes two per byte, the first value in the low nibble.
    @inline(__always)
    static func packNibbles(_ codes: UnsafePointer<UInt8>, count: Int, into output: UnsafeMutablePointer<UInt8>) {
        let pairs = count / 2
        for index in 0..<pairs {
            output[index] = codes[2 * index] | (codes[2 * index + 1] << 4)
        }
        if count % 2 == 1 { output[pairs] = codes[count - 1] }
    }

    /// Packs 2-bit codes four per byte, the first value in the lowest two bits.
    @inline(__always)
    static func packCrumbs(_ codes: UnsafePointer<UInt8>, count: Int, into output: UnsafeMutablePointer<UInt8>) {
        let quads = count / 4
        for index in 0..<quads {
            let base = codes + 4 * index
            output[index] = base[0] | (base[1] << 2) | (base[2] << 4) | (base[3] << 6)
        }
        let remainder = count % 4
        if remainder > 0 {
            var byte: UInt8 = 0
            for offset in 0..<remainder { byte |= codes[4 * quads + offset] << (2 * offset) }
            output[quads] = byte
        }
    }

    /// The fp16 scale and bias stored after a row's codes, as Float.
    @inline(__always)
    static func scaleAndBias(_ row: UnsafePointer<UInt8>, codeBytes: Int) -> (scale: Float, bias: Float) {
        let raw = UnsafeRawPointer(row + codeBytes)
        let scale = Float16(bitPattern: UInt16(littleEndian: raw.loadUnaligned(as: UInt16.self)))
        let bias = Float16(bitPattern: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2, as: UInt16.self)))
        return (Float(scale), Float(bias))
    }

    /// Decodes one fused row: `output[j] = scale * code[j] + bias`, as FBGEMM's reference
    /// dequantization computes it. With `accumulate` the values are added to `output` instead.
    @inline(__always)
    static func decodeRow(
        _ row: UnsafePointer<UInt8>, count: Int, bits: Int, accumulate: Bool,
        into output: UnsafeMutablePointer<Float>
    ) {
        let codeBytes = codeBytes(dimension: count, bits: bits)
        let (scale, bias) = scaleAndBias(row, codeBytes: codeBytes)
        switch (bits, accumulate) {
        case (8, false):
            for index in 0..<count { output[index] = scale * Float(row[index]) + bias }
        case (8, true):
            for index in 0..<count { output[index] += scale * Float(row[index]) + bias }
        case (4, _):
            decodeNibbles(row, count: count, scale: scale, bias: bias, accumulate: accumulate, into: output)
        default:
            decodeCrumbs(row, count: count, scale: scale, bias: bias, accumulate: accumulate, into: output)
        }
    }

    @inline(__always)
    static func decodeNibbles(
        _ codes: UnsafePointer<UInt8>, count: Int, scale: Float, bias: Float, accumulate: Bool,
        into output: UnsafeMutablePointer<Float>
    ) {
        let pairs = count / 2
        if accumulate {
            for index in 0..<pairs {
                let byte = codes[index]
                output[2 * index] += scale * Float(byte & 0x0F) + bias
                output[2 * index + 1] += scale * Float(byte >> 4) + bias
            }
            if count % 2 == 1 { output[count - 1] += scale * Float(codes[pairs] & 0x0F) + bias }
        } else {
            for index in 0..<pairs {
                let byte = codes[index]
                output[2 * index] = scale * Float(byte & 0x0F) + bias
                output[2 * index + 1] = scale * Float(byte >> 4) + bias
            }
            if count % 2 == 1 { output[count - 1] = scale * Float(codes[pairs] & 0x0F) + bias }
        }
    }

    @inline(__always)
    static func decodeCrumbs(
        _ codes: UnsafePointer<UInt8>, count: Int, scale: Float, bias: Float, accumulate: Bool,
        into output: UnsafeMutablePointer<Float>
    ) {
        let quads = count / 4
        for index in 0..<quads {
            let byte = codes[index]
            let target = output + 4 * index
            let v0 = scale * Float(byte & 0x03) + bias
            let v1 = scale * Float((byte >> 2) & 0x03) + bias
            let v2 = scale * Float((byte >> 4) & 0x03) + bias
            let v3 = scale * Float(byte >> 6) + bias
            if accumulate {
                target[0] += v0; target[1] += v1; target[2] += v2; target[3] += v3
            } else {
                target[0] = v0; target[1] = v1; target[2] = v2; target[3] = v3
            }
        }
        for column in (4 * quads)..<count {
            let code = (codes[column / 4] >> UInt8(2 * (column % 4))) & 0x03
            let value = scale * Float(code) + bias
            if accumulate { output[column] += value } else { output[column] = value }
        }
    }
}
