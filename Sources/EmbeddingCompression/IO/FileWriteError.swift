/// Errors raised while writing a table or container file.
public enum FileWriteError: Error, Equatable, CustomStringConvertible {
    /// The file or its temporary file could not be created, written or renamed into place.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write (\(reason)); check that the folder exists, is writable and has free space"
        }
    }
}
