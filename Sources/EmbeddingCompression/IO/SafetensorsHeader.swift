import Foundation

/// The JSON header of a safetensors file.
///
/// Layout: an 8-byte little-endian header length N, N bytes of JSON mapping each tensor name
/// to `{"dtype": "F32", "shape": [rows, dimension], "data_offsets": [begin, end]}` (plus an
/// optional `"__metadata__"` object of strings), then the data buffer. Offsets count bytes
/// from the start of the data buffer, which is byte 8 + N of the file.
struct SafetensorsHeader {
    struct Tensor: Equatable {
        var name: String
        var dataType: String
        var shape: [Int]
        /// Begin and end of the tensor's bytes, relative to the data buffer.
        var begin: Int
        var end: Int
    }

    /// Tensors sorted by name.
    var tensors: [Tensor]
    /// Byte offset of the data buffer in the file.
    var dataStart: Int

    /// Safetensors element types with their widths in bytes, for checking tensor lengths.
    static let elementWidths: [String: Int] = [
        "BOOL": 1, "U8": 1, "I8": 1, "F8_E4M3": 1, "F8_E5M2": 1, "U16": 2, "I16": 2, "F16": 2, "BF16": 2,
        "U32": 4, "I32": 4, "F32": 4, "U64": 8, "I64": 8, "F64": 8,
    ]

    /// Parses and checks the header of `file`: the length must fit in the file, the JSON must
    /// describe every tensor, and every tensor's byte range must be non-negative, inside the
    /// file, of the length its shape needs and disjoint from the others.
    static func parse(_ file: MappedFile, path: String) throws -> SafetensorsHeader {
        guard file.count >= 8 else {
            throw ReaderError.truncatedHeader(path: path, format: "safetensors", fileBytes: file.count, neededBytes: 8)
        }
        let declaredLength = file.loadLittleEndian(UInt64.self, at: 0)
        guard declaredLength <= UInt64(file.count - 8) else {
            throw ReaderError.truncatedHeader(
                path: path, format: "safetensors", fileBytes: file.count,
                neededBytes: declaredLength > UInt64(Int.max - 8) ? Int.max : Int(declaredLength) + 8)
        }
        let headerLength = Int(declaredLength)
        let json = file.data(offset: 8, count: headerLength)
        let entries: [String: HeaderEntry]
        do {
            entries = try JSONDecoder().decode([String: HeaderEntry].self, from: json)
        } catch {
            throw ReaderError.malformedHeader(path: path, format: "safetensors", reason: "the JSON header cannot be parsed (\(describe(error)))")
        }
        let dataStart = 8 + headerLength
        let dataLength = file.count - dataStart
        var tensors: [Tensor] = []
        for (name, entry) in entries {
            guard case .tensor(let dataType, let shape, let offsets) = entry else { continue }
            guard offsets.count == 2 else {
                throw ReaderError.invalidTensorOffsets(path: path, tensor: name, reason: "expected [begin, end], found \(offsets.count) values")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, end >= begin else {
                throw ReaderError.invalidTensorOffsets(path: path, tensor: name, reason: "[\(begin), \(end)] is negative or reversed")
            }
            guard end <= dataLength else {
                throw ReaderError.invalidTensorOffsets(
                    path: path, tensor: name,
                    reason: "[\(begin), \(end)] ends beyond the \(dataLength) data bytes in the file (the file may be truncated)")
            }
            guard shape.allSatisfy({ $0 >= 0 }) else {
                throw ReaderError.malformedHeader(path: path, format: "safetensors", reason: "tensor '\(name)' has a negative extent in shape \(shape)")
            }
            if let width = elementWidths[dataType] {
                var expected = width
                for extent in shape {
                    let (product, overflow) = expected.multipliedReportingOverflow(by: extent)
                    expected = overflow ? Int.max : product
                }
                guard expected == end - begin else {
                    throw ReaderError.invalidTensorOffsets(
                        path: path, tensor: name,
                        reason: "shape \(shape) of \(dataType) needs \(expected) bytes but the range holds \(end - begin)")
                }
            }
            tensors.append(Tensor(name: name, dataType: dataType, shape: shape, begin: begin, end: end))
        }
        tensors.sort { $0.name < $1.name }

        let byPosition = tensors.filter { $0.end > $0.begin }.sorted { ($0.begin, $0.end) < ($1.begin, $1.end) }
        for (previous, next) in zip(byPosition, byPosition.dropFirst()) where next.begin < previous.end {
            throw ReaderError.invalidTensorOffsets(
                path: path, tensor: next.name,
                reason: "[\(next.begin), \(next.end)] overlaps tensor '\(previous.name)' at [\(previous.begin), \(previous.end)]")
        }
        return SafetensorsHeader(tensors: tensors, dataStart: dataStart)
    }

    private static func describe(_ error: Error) -> String {
        if let decoding = error as? DecodingError {
            switch decoding {
            case .typeMismatch(_, let context), .valueNotFound(_, let context),
                 .keyNotFound(_, let context), .dataCorrupted(let context):
                let location = context.codingPath.map(\.stringValue).joined(separator: ".")
                return location.isEmpty ? context.debugDescription : "\(location): \(context.debugDescription)"
            @unknown default:
                return "\(decoding)"
            }
        }
        return "\(error)"
    }
}

/// One value of the header's top-level object: a tensor, or the `__metadata__` strings.
private enum HeaderEntry: Decodable {
    case tensor(dataType: String, shape: [Int], offsets: [Int])
    case metadata

    private enum Keys: String, CodingKey {
        case dtype, shape
        case dataOffsets = "data_offsets"
    }

    init(from decoder: Decoder) throws {
        if decoder.codingPath.last?.stringValue == "__metadata__" {
            _ = try [String: String](from: decoder)
            self = .metadata
            return
        }
        let container = try decoder.container(keyedBy: Keys.self)
        self = .tensor(
            dataType: try container.decode(String.self, forKey: .dtype),
            shape: try container.decode([Int].self, forKey: .shape),
            offsets: try container.decode([Int].self, forKey: .dataOffsets))
    }
}
