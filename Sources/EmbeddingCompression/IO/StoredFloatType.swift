import Foundation

/// A floating-point element type as stored in a table file, and its conversion to Float32.
enum StoredFloatType: Sendable, Equatable {
    case float16
    case bfloat16
    case float32
    case float64

    /// Bytes per element.
    var byteWidth: Int {
        switch self {
        case .float16, .bfloat16: return 2
        case .float32: return 4
        case .float64: return 8
        }
    }

    /// Converts `count` elements starting at `source` (any alignment) to Float32 in `output`.
    /// Float64 values outside the Float32 range become infinities, which the readers' finite
    /// check then reports. Large inputs are split across the available cores.
    func convert(
        from source: UnsafeRawPointer, count: Int, bigEndian: Bool, into output: UnsafeMutablePointer<Float>
    ) {
        let type = self
        ParallelChunks.forEach(count: count, minimumChunk: 1 << 20) { range in
            type.convertSerially(
                from: source + range.lowerBound * type.byteWidth, count: range.count,
                bigEndian: bigEndian, into: output + range.lowerBound)
        }
    }

    private func convertSerially(
        from source: UnsafeRawPointer, count: Int, bigEndian: Bool, into output: UnsafeMutablePointer<Float>
    ) {
        switch (self, bigEndian) {
        case (.float32, false):
            memcpy(output, source, count * 4)
        case (.float32, true):
            for index in 0..<count {
                let bits = source.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)
                output[index] = Float(bitPattern: bits.byteSwapped)
            }
        case (.float16, _):
            for index in 0..<count {
                let stored = source.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self)
                let bits = bigEndian ? stored.byteSwapped : stored
                output[index] = Float(Float16(bitPattern: bits))
            }
        case (.bfloat16, _):
            // bfloat16 is the upper half of a Float32, so widening is a shift.
            for index in 0..<count {
                let stored = source.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self)
                let bits = bigEndian ? stored.byteSwapped : stored
                output[index] = Float(bitPattern: UInt32(bits) << 16)
            }
        case (.float64, _):
            for index in 0..<count {
                let stored = source.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
                let bits = bigEndian ? stored.byteSwapped : stored
                output[index] = Float(Double(bitPattern: bits))
            }
        }
    }
}

/// Splits `0..<count` into contiguous ranges processed on all cores.
enum ParallelChunks {
    /// Calls `body` once per range; ranges cover `0..<count` without overlap. Work smaller than
    /// `minimumChunk` elements runs on the calling thread, because starting threads costs more.
    static func forEach(count: Int, minimumChunk: Int, _ body: (Range<Int>) -> Void) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let chunkCount = max(1, min(cores * 4, count / max(minimumChunk, 1)))
        if chunkCount == 1 {
            body(0..<count)
            return
        }
        let chunkLength = (count + chunkCount - 1) / chunkCount
        // The callers' closures write disjoint ranges of buffers they own, so running them
        // concurrently is safe even though the closure type is not Sendable.
        withoutActuallyEscaping(body) { escapingBody in
            let shared = UncheckedSendable(value: escapingBody)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let start = chunk * chunkLength
                let end = min(count, start + chunkLength)
                if start < end { shared.value(start..<end) }
            }
        }
    }
}

extension ParallelChunks {
    /// Calls `body` for each index in `0..<count`, concurrently when `parallel` is true.
    /// The bodies must touch disjoint data, because the closure type is not Sendable.
    static func forEachIndex(_ count: Int, parallel: Bool, _ body: (Int) -> Void) {
        guard parallel, count > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        withoutActuallyEscaping(body) { escapingBody in
            let shared = UncheckedSendable(value: escapingBody)
            DispatchQueue.concurrentPerform(iterations: count) { shared.value($0) }
        }
    }
}

/// Wraps a value that is shared across threads under a contract the compiler cannot check.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}
