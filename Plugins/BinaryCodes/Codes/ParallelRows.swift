import Dispatch

/// Splits `0..<count` into `threadCount` contiguous ranges and runs `body` on each range
/// concurrently. Ranges depend only on `count` and `threadCount`, so work that combines
/// per-range results in range order is deterministic.
func forEachRowRange(count: Int, threadCount: Int, _ body: @Sendable (Int, Range<Int>) -> Void) {
    let chunks = max(1, min(threadCount, count))
    if chunks == 1 {
        body(0, 0..<count)
        return
    }
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        body(chunk, (count * chunk / chunks)..<(count * (chunk + 1) / chunks))
    }
}

/// A mutable buffer that parallel workers write at disjoint indices.
struct SharedMutableBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    /// An empty buffer gets an aligned placeholder address that is never read.
    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!
    }
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}

/// A read-only buffer shared with parallel workers.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafePointer<Element>
    init(_ buffer: UnsafeBufferPointer<Element>) {
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Element>.alignment)!
    }
    subscript(index: Int) -> Element { base[index] }
}
