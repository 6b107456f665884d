import Foundation

/// A container file whose preamble, metadata and section table have been read and checked,
/// but whose sections have not been verified yet.
struct ParsedContainer {
    let file: MappedFile
    let path: String
    let formatVersion: UInt32
    let headerLength: Int
    let document: ContainerHeaderDocument
    let entries: [SectionEntry]

    /// Maps `url` and checks, in this order: the magic, the format version, that the header
    /// fits in the file, the header checksum, the file length, the metadata JSON and every
    /// section table entry (ranges inside the file, in order, not overlapping).
    init(url: URL) throws {
        let file = try MappedFile(url: url)
        let path = url.path
        let bytes = file.bytes
        let magic = ContainerLayout.magic
        guard bytes.count >= magic.count else {
            if bytes.count > 0, Array(bytes) == Array(magic.prefix(bytes.count)) {
                throw ContainerError.truncated(path: path, expectedBytes: ContainerLayout.preambleLength, actualBytes: bytes.count)
            }
            throw ContainerError.notAContainer(path: path)
        }
        guard Array(bytes[0..<magic.count]) == magic else { throw ContainerError.notAContainer(path: path) }
        guard bytes.count >= ContainerLayout.preambleLength else {
            throw ContainerError.truncated(path: path, expectedBytes: ContainerLayout.preambleLength, actualBytes: bytes.count)
        }
        let version = file.loadLittleEndian(UInt32.self, at: ContainerLayout.versionOffset)
        guard ContainerLayout.supportedVersions.contains(version) else {
            throw ContainerError.unsupportedFormatVersion(path: path, version: version, supported: ContainerLayout.supportedVersions)
        }

        let declaredHeaderLength = file.loadLittleEndian(UInt64.self, at: ContainerLayout.headerLengthOffset)
        guard declaredHeaderLength >= UInt64(ContainerLayout.preambleLength), declaredHeaderLength <= UInt64(Int.max / 2) else {
            throw ContainerError.malformedHeader(path: path, reason: "header length \(declaredHeaderLength) is impossible")
        }
        let headerLength = Int(declaredHeaderLength)
        guard headerLength <= bytes.count else {
            throw ContainerError.truncated(path: path, expectedBytes: headerLength, actualBytes: bytes.count)
        }
        let header = UnsafeRawBufferPointer(rebasing: bytes[0..<headerLength])
        let storedChecksum = file.loadLittleEndian(UInt32.self, at: ContainerLayout.headerChecksumOffset)
        let computedChecksum = ContainerLayout.headerChecksum(header)
        guard storedChecksum == computedChecksum else {
            throw ContainerError.checksumMismatch(path: path, section: "header", stored: storedChecksum, computed: computedChecksum)
        }

        // The header checksum matched, so from here on a wrong value means a writer bug or a
        // crafted file rather than damage in transit.
        let fileLength = file.loadLittleEndian(UInt64.self, at: ContainerLayout.fileLengthOffset)
        guard fileLength <= UInt64(bytes.count) else {
            throw ContainerError.truncated(path: path, expectedBytes: Int(clamping: fileLength), actualBytes: bytes.count)
        }
        guard fileLength == UInt64(bytes.count) else {
            throw ContainerError.malformedHeader(path: path, reason: "the header describes \(fileLength) bytes but the file has \(bytes.count); extra bytes follow the last section")
        }
        guard header[60..<64].allSatisfy({ $0 == 0 }) else {
            throw ContainerError.malformedHeader(path: path, reason: "reserved preamble bytes 60-63 are not zero")
        }

        let sectionCount = Int(file.loadLittleEndian(UInt32.self, at: ContainerLayout.sectionCountOffset))
        let metadataOffset = file.loadLittleEndian(UInt64.self, at: ContainerLayout.metadataOffsetOffset)
        let metadataLength = file.loadLittleEndian(UInt64.self, at: ContainerLayout.metadataLengthOffset)
        let sectionTableOffset = file.loadLittleEndian(UInt64.self, at: ContainerLayout.sectionTableOffsetOffset)
        guard metadataOffset >= UInt64(ContainerLayout.preambleLength),
              metadataLength <= UInt64(headerLength),
              metadataOffset + metadataLength <= sectionTableOffset,
              sectionTableOffset + UInt64(sectionCount * ContainerLayout.sectionEntryLength) == UInt64(headerLength)
        else {
            throw ContainerError.malformedHeader(
                path: path,
                reason: "metadata at \(metadataOffset) (\(metadataLength) bytes) and \(sectionCount) section entries at \(sectionTableOffset) do not fit a header of \(headerLength) bytes")
        }

        let json = file.data(offset: Int(metadataOffset), count: Int(metadataLength))
        let document: ContainerHeaderDocument
        do {
            document = try JSONDecoder().decode(ContainerHeaderDocument.self, from: json)
        } catch {
            throw ContainerError.malformedHeader(path: path, reason: "the metadata JSON cannot be decoded (\(error))")
        }
        guard document.rowCount > 0, document.dimension > 0, document.footprintBytes >= 0 else {
            throw ContainerError.malformedHeader(path: path, reason: "the metadata gives \(document.rowCount) rows, dimension \(document.dimension) and footprint \(document.footprintBytes) bytes")
        }

        var entries: [SectionEntry] = []
        var previousEnd = headerLength
        for index in 0..<sectionCount {
            let start = Int(sectionTableOffset) + index * ContainerLayout.sectionEntryLength
            let entry = try SectionEntry.decode(
                UnsafeRawBufferPointer(rebasing: header[start..<(start + ContainerLayout.sectionEntryLength)]),
                index: index, path: path)
            guard entry.offset >= previousEnd, entry.storedLength <= bytes.count - entry.offset else {
                throw ContainerError.malformedHeader(
                    path: path,
                    reason: "section '\(entry.name)' at byte \(entry.offset) (\(entry.storedLength) bytes) overlaps the previous part or ends beyond the file")
            }
            guard !entries.contains(where: { $0.name == entry.name }) else {
                throw ContainerError.malformedHeader(path: path, reason: "two sections are named '\(entry.name)'")
            }
            previousEnd = entry.offset + entry.storedLength
            entries.append(entry)
        }
        guard previousEnd == bytes.count else {
            throw ContainerError.malformedHeader(path: path, reason: "\(bytes.count - previousEnd) bytes after the last section belong to no section")
        }

        self.file = file
        self.path = path
        self.formatVersion = version
        self.headerLength = headerLength
        self.document = document
        self.entries = entries
    }

    /// CRC-32C of each section's stored bytes, computed in parallel across sections.
    func computeChecksums() -> [UInt32] {
        var checksums = [UInt32](repeating: 0, count: entries.count)
        let bytes = UncheckedSendable(value: file.bytes)
        let entries = self.entries
        checksums.withUnsafeMutableBufferPointer { output in
            let shared = UncheckedSendable(value: output)
            let body = { (index: Int) in
                let entry = entries[index]
                let stored = UnsafeRawBufferPointer(rebasing: bytes.value[entry.offset..<(entry.offset + entry.storedLength)])
                shared.value[index] = CRC32C.checksum(stored)
            }
            ParallelChunks.forEachIndex(entries.count, parallel: entries.count > 1 && file.count >= 1 << 20, body)
        }
        withExtendedLifetime(file) {}
        return checksums
    }

    /// Names of the sections whose preceding alignment padding is not all zeros.
    func sectionsWithDamagedPadding() -> [String] {
        var damaged: [String] = []
        var previousEnd = headerLength
        for entry in entries {
            if !file.bytes[previousEnd..<entry.offset].allSatisfy({ $0 == 0 }) { damaged.append(entry.name) }
            previousEnd = entry.offset + entry.storedLength
        }
        return damaged
    }

    /// The sections' raw bytes: views of the map for sections stored without a codec,
    /// decompressed copies (in parallel when large) for the others.
    func decompressSections() throws -> [ContainerSection] {
        let physicalMemory = ProcessInfo.processInfo.physicalMemory
        for entry in entries where entry.codec != .none && UInt64(entry.rawLength) > physicalMemory {
            throw ContainerError.malformedHeader(
                path: path, reason: "section '\(entry.name)' claims \(entry.rawLength) raw bytes, more than this machine's memory")
        }
        var results = [Result<Data, Error>](repeating: .success(Data()), count: entries.count)
        let entries = self.entries
        let file = self.file
        results.withUnsafeMutableBufferPointer { output in
            let shared = UncheckedSendable(value: output)
            let body = { (index: Int) in
                let entry = entries[index]
                let stored = file.data(offset: entry.offset, count: entry.storedLength)
                shared.value[index] = Result {
                    try entry.codec.decompress(stored, rawLength: entry.rawLength, section: entry.name)
                }
            }
            let compressedBytes = entries.filter { $0.codec != .none }.reduce(0) { $0 + $1.rawLength }
            ParallelChunks.forEachIndex(entries.count, parallel: entries.count > 1 && compressedBytes >= 1 << 20, body)
        }
        return try zip(entries, results).map { entry, result in
            ContainerSection(name: entry.name, elementType: entry.elementType, payload: try result.get())
        }
    }
}
