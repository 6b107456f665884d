/// Dot products and updates on Float32 vectors with eight independent SIMD lanes, because a
/// plain Float loop is a serial reduction that the compiler may not reorder.
enum VectorKernels {
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var sum = SIMD8<Float>()
        var index = 0
        while index + 8 <= count {
            let x = UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self)
            let y = UnsafeRawPointer(b + index).loadUnaligned(as: SIMD8<Float>.self)
            sum += x * y
            index += 8
        }
        var total = sum.sum()
        while index < count {
            total += a[index] * b[index]
            index += 1
        }
        return total
    }

    /// `y += alpha * x`.
    @inline(__always)
    static func addScaled(_ alpha: Float, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, _ count: Int) {
        let scale = SIMD8<Float>(repeating: alpha)
        var index = 0
        while index + 8 <= count {
            let source = UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self)
            let target = UnsafeRawPointer(y + index).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + index).storeBytes(of: target + scale * source, as: SIMD8<Float>.self)
            index += 8
        }
        while index < count {
            y[index] += alpha * x[index]
            index += 1
        }
    }
}
