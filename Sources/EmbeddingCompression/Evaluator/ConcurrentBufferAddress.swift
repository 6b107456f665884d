/// The start of a buffer shared by the iterations of `DispatchQueue.concurrentPerform`.
///
/// The contract the compiler cannot check: the buffer outlives the parallel loop, every
/// iteration may read any element, and iterations write only disjoint elements.
struct ConcurrentBufferAddress<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        base = buffer.baseAddress!
    }

    /// Wraps a read-only buffer; callers must not write through `base`.
    init(_ buffer: UnsafeBufferPointer<Element>) {
        base = UnsafeMutablePointer(mutating: buffer.baseAddress!)
    }
}
