import Foundation

/// Byte layout of a container file, version 1. docs/format.md is the full specification.
///
/// All integers are little-endian. The file is a 64-byte preamble, the metadata JSON, the
/// section table (one 96-byte entry per section), then the sections, each starting at a
/// multiple of 64 bytes with zero padding in between.
enum ContainerLayout {
    /// `\x89EMBC\r\n\x1A`: the high first byte and the CR LF catch transfers that mangle
    /// binary files, as in PNG's signature.
    static let magic: [UInt8] = [0x89, 0x45, 0x4D, 0x42, 0x43, 0x0D, 0x0A, 0x1A]
    static let formatVersion: UInt32 = 1
    static let supportedVersions: [UInt32] = [1]

    static let preambleLength = 64
    static let sectionEntryLength = 96
    static let sectionAlignment = 64
    static let maximumNameLength = 48

    // Offsets of the preamble fields.
    static let versionOffset = 8
    static let sectionCountOffset = 12
    static let metadataOffsetOffset = 16
    static let metadataLengthOffset = 24
    static let sectionTableOffsetOffset = 32
    static let headerLengthOffset = 40
    static let fileLengthOffset = 48
    static let headerChecksumOffset = 56

    /// Rounds `value` up to a multiple of `alignment` (a power of two).
    static func align(_ value: Int, to alignment: Int) -> Int {
        (value + alignment - 1) & ~(alignment - 1)
    }

    /// The CRC-32C of the header bytes with the checksum field taken as zero.
    static func headerChecksum(_ header: UnsafeRawBufferPointer) -> UInt32 {
        var crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: header[0..<headerChecksumOffset]))
        let zeros: [UInt8] = [0, 0, 0, 0]
        crc = zeros.withUnsafeBytes { CRC32C.update(crc, with: $0) }
        return CRC32C.update(crc, with: UnsafeRawBufferPointer(rebasing: header[(headerChecksumOffset + 4)...]))
    }
}

/// One entry of the section table.
///
/// | offset | bytes | field |
/// | 0 | 48 | name, UTF-8, zero-padded |
/// | 48 | 1 | element type |
/// | 49 | 1 | codec |
/// | 50 | 6 | reserved, zero |
/// | 56 | 8 | raw length |
/// | 64 | 8 | stored length |
/// | 72 | 8 | offset of the stored bytes from the start of the file |
/// | 80 | 4 | CRC-32C of the stored bytes |
/// | 84 | 12 | reserved, zero |
struct SectionEntry: Equatable {
    var name: String
    var elementType: SectionElementType
    var codec: ContainerCodec
    var rawLength: Int
    var storedLength: Int
    var offset: Int
    var checksum: UInt32

    func encode(into bytes: UnsafeMutableRawBufferPointer) {
        bytes.initializeMemory(as: UInt8.self, repeating: 0)
        for (index, byte) in name.utf8.enumerated() { bytes[index] = byte }
        bytes[48] = elementType.rawValue
        bytes[49] = codec.fileIdentifier
        bytes.storeBytes(of: UInt64(rawLength).littleEndian, toByteOffset: 56, as: UInt64.self)
        bytes.storeBytes(of: UInt64(storedLength).littleEndian, toByteOffset: 64, as: UInt64.self)
        bytes.storeBytes(of: UInt64(offset).littleEndian, toByteOffset: 72, as: UInt64.self)
        bytes.storeBytes(of: checksum.littleEndian, toByteOffset: 80, as: UInt32.self)
    }

    /// Decodes entry `index` and checks the fields that do not depend on other entries.
    static func decode(_ bytes: UnsafeRawBufferPointer, index: Int, path: String) throws -> SectionEntry {
        func malformed(_ reason: String) -> ContainerError {
            .malformedHeader(path: path, reason: "section table entry \(index): \(reason)")
        }
        let nameBytes = bytes[0..<ContainerLayout.maximumNameLength]
        let nameLength = nameBytes.firstIndex(of: 0) ?? ContainerLayout.maximumNameLength
        guard nameLength > 0, nameBytes[nameLength...].allSatisfy({ $0 == 0 }) else {
            throw malformed("the name is empty or not zero-padded")
        }
        guard let name = String(validating: nameBytes[..<nameLength], as: UTF8.self) else {
            throw malformed("the name is not valid UTF-8")
        }
        guard let elementType = SectionElementType(rawValue: bytes[48]) else {
            throw malformed("section '\(name)' has unknown element type \(bytes[48])")
        }
        guard let codec = ContainerCodec(fileIdentifier: bytes[49]) else {
            throw malformed("section '\(name)' has unknown codec \(bytes[49])")
        }
        guard bytes[50..<56].allSatisfy({ $0 == 0 }), bytes[84..<96].allSatisfy({ $0 == 0 }) else {
            throw malformed("section '\(name)' has non-zero reserved bytes")
        }
        func length(at offset: Int) throws -> Int {
            let value = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            guard value <= UInt64(Int.max / 2) else { throw malformed("section '\(name)' has a length or offset of \(value) bytes") }
            return Int(value)
        }
        let entry = SectionEntry(
            name: name, elementType: elementType, codec: codec,
            rawLength: try length(at: 56), storedLength: try length(at: 64), offset: try length(at: 72),
            checksum: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 80, as: UInt32.self)))
        guard entry.rawLength % elementType.byteWidth == 0 else {
            throw malformed("section '\(name)' has \(entry.rawLength) raw bytes, not a multiple of the \(elementType.byteWidth)-byte \(elementType)")
        }
        guard codec != .none || entry.storedLength == entry.rawLength else {
            throw malformed("section '\(name)' is stored without a codec but its raw and stored lengths differ")
        }
        guard entry.offset % ContainerLayout.sectionAlignment == 0 else {
            throw malformed("section '\(name)' starts at byte \(entry.offset), not a multiple of \(ContainerLayout.sectionAlignment)")
        }
        return entry
    }
}

/// The metadata JSON of a container: the table metadata and its footprint.
struct ContainerHeaderDocument: Codable, Equatable {
    var methodIdentifier: String
    var rowCount: Int
    var dimension: Int
    var parameters: [String: String]
    var schema: FeatureSchema?
    /// Serving bytes of the table, as its `footprintBytes` reported when it was written.
    var footprintBytes: Int

    var metadata: TableMetadata {
        TableMetadata(
            methodIdentifier: methodIdentifier, rowCount: rowCount, dimension: dimension,
            parameters: parameters, schema: schema)
    }
}
