import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A whole file mapped read-only into memory, for readers that parse a header and then
/// convert or copy the values after it.
///
/// The mapping lives as long as this object; `data(offset:count:)` hands out `Data` views
/// that keep it alive. NOTE: like any memory map, the bytes change if another process
/// rewrites the file in place, and reading past a concurrent truncation raises SIGBUS.
/// Writers in this package always write a new file and rename it, so they never do that.
final class MappedFile: @unchecked Sendable {
    let path: String
    /// File length in bytes.
    let count: Int
    private let address: UnsafeMutableRawPointer?

    /// Maps the file at `url`.
    /// - Throws: `TableError.cannotOpen` naming the path and the system's reason.
    init(url: URL) throws {
        path = url.path
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else {
            throw TableError.cannotOpen(path: url.path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw TableError.cannotOpen(path: url.path, reason: String(cString: strerror(errno)))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw TableError.cannotOpen(path: url.path, reason: "not a regular file")
        }
        count = Int(status.st_size)
        // mmap rejects a zero length, and an empty file has nothing to map.
        guard count > 0 else {
            address = nil
            return
        }
        guard let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
            throw TableError.cannotOpen(path: url.path, reason: "mmap failed: \(String(cString: strerror(errno)))")
        }
        address = mapped
    }

    deinit {
        if let address { munmap(address, count) }
    }

    /// All bytes of the file. Valid only while this object is alive.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: address, count: count) }

    /// A zero-based `Data` view of `count` bytes at `offset`, without copying; the view keeps
    /// the mapping alive.
    /// - Precondition: the range lies inside the file.
    func data(offset: Int, count length: Int) -> Data {
        precondition(offset >= 0 && length >= 0 && offset + length <= count, "range outside the mapped file")
        guard length > 0, let address else { return Data() }
        return Data(
            bytesNoCopy: address + offset, count: length,
            deallocator: .custom { [self] _, _ in withExtendedLifetime(self) {} })
    }

    /// Little-endian unsigned integer of `T`'s width at `offset`.
    func loadLittleEndian<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
        T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
