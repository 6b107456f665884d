/// What `ContainerFile.inspect` reports about a container: header, sections and whether each
/// checksum matches.
public struct ContainerInspection: Sendable {
    /// One entry of the section table with its checksum status.
    public struct Section: Sendable, Equatable {
        public var name: String
        public var elementType: SectionElementType
        public var codec: ContainerCodec
        /// Bytes before the codec.
        public var rawBytes: Int
        /// Bytes in the file.
        public var storedBytes: Int
        /// Byte offset of the stored bytes from the start of the file.
        public var offset: Int
        /// CRC-32C of the stored bytes as recorded in the section table.
        public var storedChecksum: UInt32
        /// CRC-32C of the stored bytes as computed from the file.
        public var computedChecksum: UInt32

        public var checksumMatches: Bool { storedChecksum == computedChecksum }
    }

    public var formatVersion: UInt32
    public var metadata: TableMetadata
    /// Serving bytes of the table, as recorded when the file was written.
    public var footprintBytes: Int
    /// Bytes of the preamble, metadata JSON and section table.
    public var headerBytes: Int
    /// Bytes of the whole file.
    public var fileBytes: Int
    public var sections: [Section]
    /// Sections whose padding before them contains non-zero bytes, which means damage.
    public var sectionsWithDamagedPadding: [String]

    /// Whether every section checksum matches and all padding is zero. The header checksum
    /// always matches in an inspection, because `inspect` throws when it does not.
    public var isIntact: Bool {
        sections.allSatisfy(\.checksumMatches) && sectionsWithDamagedPadding.isEmpty
    }
}
