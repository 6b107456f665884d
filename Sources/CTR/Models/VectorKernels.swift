/// Small vector kernels for the dense layers. They load SIMD8 chunks explicitly because the
/// compiler does not reassociate a scalar Float sum into vector lanes; the lane order is fixed,
/// so results are the same on every run.
enum VectorKernels {
    /// The dot product of `count` values at `a` and `b`.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var accumulator = SIMD8<Float>(repeating: 0)
        var index = 0
        while index + 8 <= count {
            let x = UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self)
            let y = UnsafeRawPointer(b + index).loadUnaligned(as: SIMD8<Float>.self)
            accumulator += x * y
            index += 8
        }
        var sum = accumulator.sum()
        while index < count {
            sum += a[index] * b[index]
            index += 1
        }
        return sum
    }

    /// `y += alpha * x` over `count` values.
    @inline(__always)
    static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        let scale = SIMD8<Float>(repeating: alpha)
        while index + 8 <= count {
            let source = UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self)
            let target = UnsafeMutableRawPointer(y + index)
            target.storeBytes(of: target.loadUnaligned(as: SIMD8<Float>.self) + scale * source, as: SIMD8<Float>.self)
            index += 8
        }
        while index < count {
            y[index] += alpha * x[index]
            index += 1
        }
    }
}
