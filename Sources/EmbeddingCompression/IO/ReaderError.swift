/// Errors raised while reading a table or vocabulary file. Each names the file and tells
/// what to do about it.
public enum ReaderError: Error, Equatable, CustomStringConvertible {
    /// The file ends before its header does.
    case truncatedHeader(path: String, format: String, fileBytes: Int, neededBytes: Int)
    /// The header describes more data than the file holds.
    case dataBeyondEnd(path: String, claimedBytes: Int, availableBytes: Int)
    /// The header cannot be parsed.
    case malformedHeader(path: String, format: String, reason: String)
    /// A format version this reader does not know.
    case unsupportedVersion(path: String, format: String, version: String, supported: [String])
    /// An element type other than the floating-point ones the reader converts.
    case unsupportedDataType(path: String, dataType: String, supported: [String])
    /// A shape that is not `(rows, dimension)` with both positive.
    case unsupportedShape(path: String, shape: [Int])
    /// The tensor named on the command line is not in the file.
    case tensorNotFound(path: String, name: String, available: [String])
    /// No tensor was named and the file does not hold exactly one 2-D tensor.
    case ambiguousTensor(path: String, candidates: [String])
    /// A tensor's byte range is invalid: negative, reversed, outside the file, overlapping
    /// another tensor or of the wrong length for its shape.
    case invalidTensorOffsets(path: String, tensor: String, reason: String)
    /// A line of a text file is wrong (line numbers start at 1).
    case invalidLine(path: String, line: Int, reason: String)
    /// A file extension that no reader handles.
    case unsupportedExtension(path: String, supported: [String])

    public var description: String {
        switch self {
        case .truncatedHeader(let path, let format, let fileBytes, let neededBytes):
            return "\(path): file is truncated: the \(format) header needs \(neededBytes) bytes but the file has \(fileBytes); copy or export the file again"
        case .dataBeyondEnd(let path, let claimed, let available):
            return "\(path): file is truncated: the header describes \(claimed) bytes of data but only \(available) follow it; copy or export the file again"
        case .malformedHeader(let path, let format, let reason):
            return "\(path): invalid \(format) header: \(reason)"
        case .unsupportedVersion(let path, let format, let version, let supported):
            return "\(path): unsupported \(format) version \(version); supported versions: \(supported.joined(separator: ", "))"
        case .unsupportedDataType(let path, let dataType, let supported):
            return "\(path): unsupported element type '\(dataType)'; supported: \(supported.joined(separator: ", ")); convert the table to float32 first"
        case .unsupportedShape(let path, let shape):
            let text = "(" + shape.map(String.init).joined(separator: ", ") + ")"
            return "\(path): shape \(text) is not a table; expected 2 dimensions (rows, dimension), both positive; reshape the array before saving"
        case .tensorNotFound(let path, let name, let available):
            return "\(path): no tensor '\(name)'; tensors in the file: \(available.joined(separator: ", "))"
        case .ambiguousTensor(let path, let candidates):
            if candidates.isEmpty {
                return "\(path): the file holds no 2-D tensor; an embedding table has shape (rows, dimension)"
            }
            return "\(path): the file holds several 2-D tensors; choose one with --tensor (\(candidates.joined(separator: ", ")))"
        case .invalidTensorOffsets(let path, let tensor, let reason):
            return "\(path): tensor '\(tensor)' has invalid data_offsets: \(reason); the file is damaged"
        case .invalidLine(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        case .unsupportedExtension(let path, let supported):
            return "\(path): unsupported file type; give a file ending in \(supported.joined(separator: ", "))"
        }
    }
}
