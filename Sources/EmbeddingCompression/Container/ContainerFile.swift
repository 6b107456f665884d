import Foundation

/// Writes and reads container files: one compressed table per file, in the format specified
/// in docs/format.md.
public enum ContainerFile {
    /// Writes `table` to `url` and returns the file's length in bytes.
    ///
    /// Each section is compressed with `codec`, and stored without a codec when compression
    /// does not make it smaller. Large tables compress their sections in parallel. The file
    /// is written under a temporary name in the same folder and renamed into place.
    ///
    /// - Parameter schema: the per-field row ranges of a CTR feature table, stored in the header.
    /// - Throws: `ContainerError.invalidSection` for a section name that is empty, longer than
    ///   48 UTF-8 bytes or repeated; `ContainerError.codecFailed`; `FileWriteError.cannotWrite`.
    @discardableResult
    public static func write(
        _ table: any CompressedTable, schema: FeatureSchema? = nil, codec: ContainerCodec, to url: URL
    ) throws -> Int {
        let sections = table.containerSections()
        try validate(sections)

        let stored = try compress(sections, codec: codec)
        let document = ContainerHeaderDocument(
            methodIdentifier: table.methodIdentifier, rowCount: table.rowCount, dimension: table.dimension,
            parameters: table.parameters, schema: schema, footprintBytes: table.footprintBytes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(document)

        let metadataOffset = ContainerLayout.preambleLength
        let sectionTableOffset = ContainerLayout.align(metadataOffset + json.count, to: 8)
        let headerLength = sectionTableOffset + sections.count * ContainerLayout.sectionEntryLength
        var entries: [SectionEntry] = []
        var position = headerLength
        for (section, (bytes, sectionCodec)) in zip(sections, stored) {
            position = ContainerLayout.align(position, to: ContainerLayout.sectionAlignment)
            let checksum = bytes.withUnsafeBytes { CRC32C.checksum($0) }
            entries.append(SectionEntry(
                name: section.name, elementType: section.elementType, codec: sectionCodec,
                rawLength: section.payload.count, storedLength: bytes.count, offset: position, checksum: checksum))
            position += bytes.count
        }
        let fileLength = position

        var header = [UInt8](repeating: 0, count: headerLength)
        header.withUnsafeMutableBytes { bytes in
            bytes.copyBytes(from: ContainerLayout.magic)
            bytes.storeBytes(of: ContainerLayout.formatVersion.littleEndian, toByteOffset: ContainerLayout.versionOffset, as: UInt32.self)
            bytes.storeBytes(of: UInt32(sections.count).littleEndian, toByteOffset: ContainerLayout.sectionCountOffset, as: UInt32.self)
            bytes.storeBytes(of: UInt64(metadataOffset).littleEndian, toByteOffset: ContainerLayout.metadataOffsetOffset, as: UInt64.self)
            bytes.storeBytes(of: UInt64(json.count).littleEndian, toByteOffset: ContainerLayout.metadataLengthOffset, as: UInt64.self)
            bytes.storeBytes(of: UInt64(sectionTableOffset).littleEndian, toByteOffset: ContainerLayout.sectionTableOffsetOffset, as: UInt64.self)
            bytes.storeBytes(of: UInt64(headerLength).littleEndian, toByteOffset: ContainerLayout.headerLengthOffset, as: UInt64.self)
            bytes.storeBytes(of: UInt64(fileLength).littleEndian, toByteOffset: ContainerLayout.fileLengthOffset, as: UInt64.self)
            json.copyBytes(to: UnsafeMutableRawBufferPointer(rebasing: bytes[metadataOffset..<(metadataOffset + json.count)]))
            for (index, entry) in entries.enumerated() {
                let start = sectionTableOffset + index * ContainerLayout.sectionEntryLength
                entry.encode(into: UnsafeMutableRawBufferPointer(rebasing: bytes[start..<(start + ContainerLayout.sectionEntryLength)]))
            }
            let checksum = ContainerLayout.headerChecksum(UnsafeRawBufferPointer(bytes))
            bytes.storeBytes(of: checksum.littleEndian, toByteOffset: ContainerLayout.headerChecksumOffset, as: UInt32.self)
        }

        try AtomicFile.write(to: url) { output in
            try output.write(header)
            for (entry, (bytes, _)) in zip(entries, stored) {
                try output.writeZeros(entry.offset - output.bytesWritten)
                try output.write(bytes)
            }
        }
        return fileLength
    }

    /// Reads the metadata and sections of the container at `url`, verifying every checksum
    /// first. Sections stored without a codec are views of the memory-mapped file, not copies.
    ///
    /// - Throws: `ContainerError.notAContainer`, `.unsupportedFormatVersion`, `.truncated`,
    ///   `.checksumMismatch` naming the damaged section, `.malformedHeader`, `.codecFailed`;
    ///   `TableError.cannotOpen` when the file cannot be opened. Nothing is returned unless the
    ///   whole file checks out.
    public static func readContents(_ url: URL) throws -> ContainerContents {
        let container = try ParsedContainer(url: url)
        let checksums = container.computeChecksums()
        for (entry, computed) in zip(container.entries, checksums) where entry.checksum != computed {
            throw ContainerError.checksumMismatch(path: url.path, section: entry.name, stored: entry.checksum, computed: computed)
        }
        if let damaged = container.sectionsWithDamagedPadding().first {
            throw ContainerError.malformedHeader(path: url.path, reason: "the padding before section '\(damaged)' contains non-zero bytes")
        }
        let sections = try container.decompressSections()
        return ContainerContents(metadata: container.document.metadata, sections: sections)
    }

    /// Reads the container at `url` and rebuilds its table with the decoder that `registry`
    /// has registered for the method named in the header.
    ///
    /// - Throws: the errors of `readContents`, `ContainerError.unknownMethod` when no decoder
    ///   is registered, the decoder's own errors, and `ContainerError.malformedHeader` when the
    ///   decoded table's shape differs from the header's.
    public static func read(_ url: URL, registry: MethodRegistry) throws -> any CompressedTable {
        let contents = try readContents(url)
        let table: any CompressedTable
        do {
            table = try registry.decodeTable(from: contents)
        } catch {
            throw ContainerError.cannotDecode(path: url.path, reason: "\(error)")
        }
        guard table.rowCount == contents.metadata.rowCount, table.dimension == contents.metadata.dimension else {
            throw ContainerError.malformedHeader(
                path: url.path,
                reason: "the header gives \(contents.metadata.rowCount) x \(contents.metadata.dimension) but the decoder rebuilt \(table.rowCount) x \(table.dimension)")
        }
        return table
    }

    /// Describes the container at `url`: header, metadata, sections and the status of every
    /// section checksum. Damaged sections are reported in the result, not thrown.
    ///
    /// - Throws: `ContainerError.notAContainer`, `.unsupportedFormatVersion`, `.truncated`,
    ///   `.malformedHeader`, and `.checksumMismatch` for the header, because a damaged header
    ///   cannot be described reliably.
    public static func inspect(_ url: URL) throws -> ContainerInspection {
        let container = try ParsedContainer(url: url)
        let checksums = container.computeChecksums()
        let sections = zip(container.entries, checksums).map { entry, computed in
            ContainerInspection.Section(
                name: entry.name, elementType: entry.elementType, codec: entry.codec,
                rawBytes: entry.rawLength, storedBytes: entry.storedLength, offset: entry.offset,
                storedChecksum: entry.checksum, computedChecksum: computed)
        }
        return ContainerInspection(
            formatVersion: container.formatVersion, metadata: container.document.metadata,
            footprintBytes: container.document.footprintBytes, headerBytes: container.headerLength,
            fileBytes: container.file.count, sections: sections,
            sectionsWithDamagedPadding: container.sectionsWithDamagedPadding())
    }

    private static func validate(_ sections: [ContainerSection]) throws {
        var names = Set<String>()
        for section in sections {
            let length = section.name.utf8.count
            guard length > 0, length <= ContainerLayout.maximumNameLength, !section.name.utf8.contains(0) else {
                throw ContainerError.invalidSection(
                    section: section.name,
                    reason: "a name needs 1 to \(ContainerLayout.maximumNameLength) UTF-8 bytes and no NUL, this one has \(length)")
            }
            guard names.insert(section.name).inserted else {
                throw ContainerError.invalidSection(section: section.name, reason: "the table gives two sections with this name")
            }
            guard section.payload.count % section.elementType.byteWidth == 0 else {
                throw ContainerError.invalidSection(
                    section: section.name,
                    reason: "\(section.payload.count) bytes is not a whole number of \(section.elementType) elements")
            }
        }
    }

    /// Compresses each section, in parallel when the sections are large. Returns the stored
    /// bytes and the codec used for each: `none` where `codec` did not shrink the section.
    private static func compress(_ sections: [ContainerSection], codec: ContainerCodec) throws -> [(Data, ContainerCodec)] {
        guard codec != .none else { return sections.map { ($0.payload, .none) } }
        var results = [Result<(Data, ContainerCodec), Error>](repeating: .success((Data(), .none)), count: sections.count)
        let totalBytes = sections.reduce(0) { $0 + $1.payload.count }
        results.withUnsafeMutableBufferPointer { results in
            let shared = UncheckedSendable(value: results)
            let body = { (index: Int) in
                let section = sections[index]
                shared.value[index] = Result {
                    let compressed = try codec.compress(section.payload, section: section.name)
                    return compressed.count < section.payload.count ? (compressed, codec) : (section.payload, .none)
                }
            }
            ParallelChunks.forEachIndex(sections.count, parallel: totalBytes >= 1 << 20 && sections.count > 1, body)
        }
        return try results.map { try $0.get() }
    }
}
