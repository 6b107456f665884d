/// Errors about container files and their sections.
public enum ContainerError: Error, Equatable, CustomStringConvertible {
    /// A decoder asked for a section the container does not have.
    case missingSection(method: String, name: String, present: [String])
    /// A section's element type or length does not match what the decoder expects.
    case sectionTypeMismatch(section: String, expected: String, found: String)
    /// No decoder is registered for the method identifier in the header.
    case unknownMethod(identifier: String, known: [String])

    public var description: String {
        switch self {
        case .missingSection(let method, let name, let present):
            return "\(method) container has no section '\(name)' (sections: \(present.joined(separator: ", "))); the file is damaged or was written by another method"
        case .sectionTypeMismatch(let section, let expected, let found):
            return "section '\(section)' holds \(found) values but \(expected) was expected; the file is damaged"
        case .unknownMethod(let identifier, let known):
            return "no decoder for method '\(identifier)'; register the plugin that provides it (registered: \(known.joined(separator: ", ")))"
        }
    }
}
