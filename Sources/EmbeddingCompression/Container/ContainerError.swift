/// Errors about container files and their sections.
public enum ContainerError: Error, Equatable, CustomStringConvertible {
    /// A decoder asked for a section the container does not have.
    case missingSection(method: String, name: String, present: [String])
    /// A section's element type or length does not match what the decoder expects.
    case sectionTypeMismatch(section: String, expected: String, found: String)
    /// No decoder is registered for the method identifier in the header.
    case unknownMethod(identifier: String, known: [String])
    /// The file does not start with the container magic.
    case notAContainer(path: String)
    /// The header declares a format version this reader does not know.
    case unsupportedFormatVersion(path: String, version: UInt32, supported: [UInt32])
    /// The file is shorter than its header states.
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    /// A stored checksum does not match the bytes; `section` is `header` for the header.
    case checksumMismatch(path: String, section: String, stored: UInt32, computed: UInt32)
    /// The header or section table contradicts itself (offsets, lengths, codes, JSON).
    case malformedHeader(path: String, reason: String)
    /// The file is intact but its method's decoder rejected it or no decoder is registered;
    /// `reason` is the decoder's or registry's message.
    case cannotDecode(path: String, reason: String)
    /// zstd or lz4 failed on a section.
    case codecFailed(section: String, codec: String, reason: String)
    /// A compressed table gave a section that cannot be stored (name, length).
    case invalidSection(section: String, reason: String)

    public var description: String {
        switch self {
        case .missingSection(let method, let name, let present):
            return "\(method) container has no section '\(name)' (sections: \(present.joined(separator: ", "))); the file is damaged or was written by another method"
        case .sectionTypeMismatch(let section, let expected, let found):
            return "section '\(section)' holds \(found) values but \(expected) was expected; the file is damaged"
        case .unknownMethod(let identifier, let known):
            return "no decoder for method '\(identifier)'; register the plugin that provides it (registered: \(known.joined(separator: ", ")))"
        case .notAContainer(let path):
            return "\(path): not an embcompress container (the magic bytes at the start are missing); give a file written by 'embcompress compress'"
        case .unsupportedFormatVersion(let path, let version, let supported):
            return "\(path): container format version \(version) is not supported (supported: \(supported.map(String.init).joined(separator: ", "))); use the embcompress release that wrote the file"
        case .truncated(let path, let expected, let actual):
            return "\(path): container is truncated: the header describes \(expected) bytes but the file has \(actual); copy or write the file again"
        case .checksumMismatch(let path, let section, let stored, let computed):
            let hex = { (value: UInt32) in "0x" + String(value, radix: 16, uppercase: true) }
            let part = section == "header" ? "the header" : "section '\(section)'"
            return "\(path): checksum mismatch in \(part) (stored \(hex(stored)), computed \(hex(computed))); the file is damaged, copy or write it again"
        case .cannotDecode(let path, let reason):
            return "\(path): \(reason)"
        case .malformedHeader(let path, let reason):
            return "\(path): invalid container header: \(reason); the file is damaged"
        case .codecFailed(let section, let codec, let reason):
            return "section '\(section)': \(codec) failed: \(reason)"
        case .invalidSection(let section, let reason):
            return "section '\(section)' cannot be stored: \(reason)"
        }
    }
}
