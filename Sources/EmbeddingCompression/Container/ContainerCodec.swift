import CLZ4
import CZstd
import Foundation

/// The lossless codec applied to a section's bytes in a container file.
public enum ContainerCodec: String, CaseIterable, Sendable {
    /// Stored as is; such sections are 64-byte aligned and can be served from a memory map.
    case none
    /// LZ4 block format (`LZ4_compress_default`): fast, modest ratio.
    case lz4
    /// Zstandard frame at level 3: slower, better ratio.
    case zstd

    /// The codec's byte in a section table entry.
    var fileIdentifier: UInt8 {
        switch self {
        case .none: return 0
        case .lz4: return 1
        case .zstd: return 2
        }
    }

    init?(fileIdentifier: UInt8) {
        guard let codec = Self.allCases.first(where: { $0.fileIdentifier == fileIdentifier }) else { return nil }
        self = codec
    }

    /// zstd compression level, the library's default trade-off.
    static let zstdLevel: Int32 = 3

    /// Compresses `payload` of section `section`.
    /// - Throws: `ContainerError.codecFailed` with the library's message.
    func compress(_ payload: Data, section: String) throws -> Data {
        switch self {
        case .none:
            return payload
        case .lz4:
            guard payload.count <= Int(LZ4_MAX_INPUT_SIZE) else {
                throw ContainerError.codecFailed(
                    section: section, codec: rawValue,
                    reason: "\(payload.count) bytes exceed the LZ4 limit of \(LZ4_MAX_INPUT_SIZE) bytes; use zstd")
            }
            let capacity = Int(LZ4_compressBound(Int32(payload.count)))
            var output = Data(count: capacity)
            let written = output.withUnsafeMutableBytes { destination in
                payload.withUnsafeBytes { source in
                    LZ4_compress_default(
                        source.baseAddress?.assumingMemoryBound(to: CChar.self),
                        destination.baseAddress!.assumingMemoryBound(to: CChar.self),
                        Int32(payload.count), Int32(capacity))
                }
            }
            guard written > 0 || payload.isEmpty else {
                throw ContainerError.codecFailed(section: section, codec: rawValue, reason: "LZ4_compress_default returned \(written)")
            }
            output.count = Int(written)
            return output
        case .zstd:
            guard let context = ZSTD_createCCtx() else {
                throw ContainerError.codecFailed(section: section, codec: rawValue, reason: "ZSTD_createCCtx failed")
            }
            defer { ZSTD_freeCCtx(context) }
            _ = ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Self.zstdLevel)
            // Large payloads also use zstd's own worker threads. The call returns an error when
            // the library was built without threads, which leaves compression single-threaded.
            if payload.count >= 4 << 20 {
                _ = ZSTD_CCtx_setParameter(context, ZSTD_c_nbWorkers, Int32(ProcessInfo.processInfo.activeProcessorCount))
            }
            let capacity = ZSTD_compressBound(payload.count)
            var output = Data(count: capacity)
            let result = output.withUnsafeMutableBytes { destination in
                payload.withUnsafeBytes { source in
                    ZSTD_compress2(context, destination.baseAddress, capacity, source.baseAddress, payload.count)
                }
            }
            // size_t arrives as Int; an error code must be checked before it is used as a size.
            guard ZSTD_isError(result) == 0 else {
                throw ContainerError.codecFailed(section: section, codec: rawValue, reason: String(cString: ZSTD_getErrorName(result)))
            }
            output.count = result
            return output
        }
    }

    /// Decompresses `stored`, which must expand to exactly `rawLength` bytes.
    /// - Throws: `ContainerError.codecFailed` naming the section when the library reports an
    ///   error or the length differs.
    func decompress(_ stored: Data, rawLength: Int, section: String) throws -> Data {
        switch self {
        case .none:
            return stored
        case .lz4:
            guard rawLength <= Int(Int32.max), stored.count <= Int(Int32.max) else {
                throw ContainerError.codecFailed(section: section, codec: rawValue, reason: "a raw length of \(rawLength) bytes exceeds the LZ4 limit")
            }
            var output = Data(count: rawLength)
            let produced = output.withUnsafeMutableBytes { destination in
                stored.withUnsafeBytes { source in
                    LZ4_decompress_safe(
                        source.baseAddress?.assumingMemoryBound(to: CChar.self),
                        destination.baseAddress?.assumingMemoryBound(to: CChar.self),
                        Int32(stored.count), Int32(rawLength))
                }
            }
            guard produced == rawLength else {
                throw ContainerError.codecFailed(
                    section: section, codec: rawValue,
                    reason: produced < 0 ? "invalid LZ4 data (error \(produced))" : "decompressed to \(produced) bytes, expected \(rawLength)")
            }
            return output
        case .zstd:
            var output = Data(count: rawLength)
            let result = output.withUnsafeMutableBytes { destination in
                stored.withUnsafeBytes { source in
                    ZSTD_decompress(destination.baseAddress, rawLength, source.baseAddress, stored.count)
                }
            }
            guard ZSTD_isError(result) == 0 else {
                throw ContainerError.codecFailed(section: section, codec: rawValue, reason: String(cString: ZSTD_getErrorName(result)))
            }
            guard result == rawLength else {
                throw ContainerError.codecFailed(section: section, codec: rawValue, reason: "decompressed to \(result) bytes, expected \(rawLength)")
            }
            return output
        }
    }
}
