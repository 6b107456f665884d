import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The contiguous Float32 buffer behind an `EmbeddingTable`: owned memory or a read-only
/// memory map of a file region. The buffer never changes after a reader or initializer has
/// filled it, which is why sharing it across threads is safe.
final class TableStorage: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<Float>
    private let release: () -> Void
    let isMemoryMapped: Bool

    init(allocating count: Int) {
        let pointer = UnsafeMutablePointer<Float>.allocate(capacity: count)
        buffer = UnsafeBufferPointer(start: pointer, count: count)
        release = { pointer.deallocate() }
        isMemoryMapped = false
    }

    convenience init(copying values: [Float]) {
        self.init(allocating: values.count)
        _ = values.withUnsafeBufferPointer { source in
            memcpy(UnsafeMutableRawPointer(mutating: buffer.baseAddress!), source.baseAddress!, source.count * 4)
        }
    }

    /// Maps `count` Float32 values that start `byteOffset` bytes into the file at `url`.
    /// `byteOffset` must be a multiple of 4; the mapping itself starts at a page boundary.
    init(mapping url: URL, byteOffset: Int, count: Int) throws {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw TableError.cannotOpen(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let mapStart = byteOffset - byteOffset % pageSize
        let mapLength = byteOffset - mapStart + count * 4
        guard let address = mmap(nil, mapLength, PROT_READ, MAP_PRIVATE, descriptor, off_t(mapStart)),
              address != MAP_FAILED
        else { throw TableError.cannotOpen(path: url.path, reason: "mmap failed: \(String(cString: strerror(errno)))") }
        let floats = (address + (byteOffset - mapStart)).assumingMemoryBound(to: Float.self)
        buffer = UnsafeBufferPointer(start: floats, count: count)
        release = { munmap(address, mapLength) }
        isMemoryMapped = true
    }

    /// Writable view for initializers that fill a freshly allocated buffer.
    var mutableBuffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(mutating: buffer) }

    deinit { release() }
}
