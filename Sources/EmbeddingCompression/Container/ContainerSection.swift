import Foundation

/// One typed buffer of a compressed table inside a container file.
///
/// `payload` holds the raw little-endian bytes (before any lossless codec). When a container
/// is read without a codec, `payload` may be a slice of the memory-mapped file.
public struct ContainerSection: Sendable {
    /// Name unique within the table, for example `codes`, `scales`, `codebooks`.
    public var name: String
    public var elementType: SectionElementType
    public var payload: Data

    public init(name: String, elementType: SectionElementType, payload: Data) {
        self.name = name
        self.elementType = elementType
        self.payload = payload
    }

    /// Creates a section from an array of plain values (stored little-endian, as on x86-64 and arm64).
    public init<T: BitwiseCopyable>(name: String, elementType: SectionElementType, values: [T]) {
        precondition(MemoryLayout<T>.size == elementType.byteWidth,
                     "section \(name): \(T.self) is not \(elementType)")
        self.init(name: name, elementType: elementType,
                  payload: values.withUnsafeBytes { Data($0) })
    }

    /// Number of elements in the payload.
    public var elementCount: Int { payload.count / elementType.byteWidth }

    /// Copies the payload into an array of `T`.
    /// - Throws: `ContainerError.sectionTypeMismatch` when `T` does not match the element type
    ///   or the payload length is not a multiple of its width.
    public func values<T: BitwiseCopyable>(as type: T.Type) throws -> [T] {
        guard MemoryLayout<T>.size == elementType.byteWidth, payload.count % elementType.byteWidth == 0 else {
            throw ContainerError.sectionTypeMismatch(section: name, expected: String(describing: T.self), found: elementType.description)
        }
        let count = payload.count / MemoryLayout<T>.size
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            _ = payload.withUnsafeBytes { raw in
                memcpy(buffer.baseAddress!, raw.baseAddress!, payload.count)
            }
            initialized = count
        }
    }
}

/// Element type of a section, stored as one byte in the section table.
public enum SectionElementType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case uint8 = 1
    case int8 = 2
    case uint16 = 3
    case float16 = 4
    case float32 = 5
    case int32 = 6
    case int64 = 7
    case uint64 = 8
    case uint32 = 9

    /// Bytes per element.
    public var byteWidth: Int {
        switch self {
        case .uint8, .int8: return 1
        case .uint16, .float16: return 2
        case .float32, .int32, .uint32: return 4
        case .int64, .uint64: return 8
        }
    }

    public var description: String {
        switch self {
        case .uint8: return "uint8"
        case .int8: return "int8"
        case .uint16: return "uint16"
        case .float16: return "float16"
        case .float32: return "float32"
        case .int32: return "int32"
        case .int64: return "int64"
        case .uint64: return "uint64"
        case .uint32: return "uint32"
        }
    }
}

/// Everything a decoder gets back from a container: the header metadata and the sections.
public struct ContainerContents: Sendable {
    public var metadata: TableMetadata
    public var sections: [ContainerSection]

    public init(metadata: TableMetadata, sections: [ContainerSection]) {
        self.metadata = metadata
        self.sections = sections
    }

    /// The section called `name`.
    /// - Throws: `ContainerError.missingSection` listing the sections that exist.
    public func section(named name: String) throws -> ContainerSection {
        guard let section = sections.first(where: { $0.name == name }) else {
            throw ContainerError.missingSection(
                method: metadata.methodIdentifier, name: name, present: sections.map(\.name))
        }
        return section
    }
}

/// Table metadata stored in a container header.
public struct TableMetadata: Sendable, Codable, Equatable {
    public var methodIdentifier: String
    public var rowCount: Int
    public var dimension: Int
    public var parameters: [String: String]
    /// Per-field row ranges when the table is a CTR feature table; nil for plain tables.
    public var schema: FeatureSchema?

    public init(methodIdentifier: String, rowCount: Int, dimension: Int,
                parameters: [String: String], schema: FeatureSchema? = nil) {
        self.methodIdentifier = methodIdentifier
        self.rowCount = rowCount
        self.dimension = dimension
        self.parameters = parameters
        self.schema = schema
    }
}
