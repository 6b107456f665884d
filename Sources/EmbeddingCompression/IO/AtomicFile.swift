import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a file through a temporary file in the same folder that is renamed into place, so
/// a reader sees either the old file or the complete new one, and a failed write leaves nothing.
enum AtomicFile {
    /// Creates a temporary file next to `url`, lets `body` write it, flushes it to disk and
    /// renames it to `url`, replacing any file there. On any error the temporary file is removed.
    ///
    /// - Returns: the number of bytes written.
    /// - Throws: `FileWriteError.cannotWrite` naming the path, and whatever `body` throws.
    @discardableResult
    static func write(to url: URL, _ body: (inout FileOutput) throws -> Void) throws -> Int {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw FileWriteError.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
        var output = FileOutput(descriptor: descriptor, path: url.path)
        var renamed = false
        defer {
            close(descriptor)
            if !renamed { unlink(temporary.path) }
        }
        try body(&output)
        // Flush before the rename so a crash cannot leave a renamed but incomplete file.
        guard fsync(descriptor) == 0 else {
            throw FileWriteError.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
        guard rename(temporary.path, url.path) == 0 else {
            throw FileWriteError.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
        renamed = true
        return output.bytesWritten
    }
}

/// The open temporary file that `AtomicFile.write` hands to its body.
struct FileOutput {
    fileprivate let descriptor: Int32
    /// The final path, named in errors.
    let path: String
    private(set) var bytesWritten = 0

    fileprivate init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Writes `count` bytes from `pointer`.
    /// - Throws: `FileWriteError.cannotWrite` with the system's reason (disk full, I/O error).
    mutating func write(_ pointer: UnsafeRawPointer, count: Int) throws {
        var done = 0
        while done < count {
            // Writes of at most 1 GiB each, because Linux caps one write(2) near 2 GiB.
            let result = Glibc.write(descriptor, pointer + done, min(count - done, 1 << 30))
            if result < 0 {
                if errno == EINTR { continue }
                throw FileWriteError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            done += result
        }
        bytesWritten += count
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        try write(base, count: bytes.count)
    }

    mutating func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Writes `count` zero bytes (alignment padding).
    mutating func writeZeros(_ count: Int) throws {
        guard count > 0 else { return }
        try write([UInt8](repeating: 0, count: count))
    }
}
