import Foundation

/// Reads and writes tables in safetensors files (the format of Hugging Face model weights).
///
/// Reading accepts F32, F16, BF16 and F64 tensors (converted to Float32). F32 data at a
/// 4-aligned file offset is memory-mapped without copying.
public enum SafetensorsFile {
    /// Element types the reader converts, for error messages.
    static let supportedDataTypes = ["F32", "F16", "BF16", "F64"]

    /// Reads one 2-D tensor of the safetensors file at `url` as a table.
    ///
    /// - Parameters:
    ///   - tensor: the tensor's name; nil picks the only 2-D tensor in the file.
    ///   - allowNonFinite: keep NaN and infinite values instead of rejecting the file.
    /// - Throws: `ReaderError.tensorNotFound` listing the tensors that exist,
    ///   `ReaderError.ambiguousTensor` when `tensor` is nil and the file contains zero or several
    ///   2-D tensors, `ReaderError` for a truncated file, malformed header, invalid offsets,
    ///   unsupported element type or shape, and `TableError.nonFiniteValue` for NaN or infinity.
    public static func read(_ url: URL, tensor: String?, allowNonFinite: Bool = false) throws -> EmbeddingTable {
        let file = try MappedFile(url: url)
        let header = try SafetensorsHeader.parse(file, path: url.path)
        let chosen: SafetensorsHeader.Tensor
        if let tensor {
            guard let found = header.tensors.first(where: { $0.name == tensor }) else {
                throw ReaderError.tensorNotFound(path: url.path, name: tensor, available: header.tensors.map(\.name))
            }
            chosen = found
        } else {
            let tables = header.tensors.filter { $0.shape.count == 2 }
            guard tables.count == 1 else {
                throw ReaderError.ambiguousTensor(
                    path: url.path,
                    candidates: tables.map { "\($0.name) \($0.shape[0])x\($0.shape[1])" })
            }
            chosen = tables[0]
        }

        let elementType: StoredFloatType
        switch chosen.dataType {
        case "F32": elementType = .float32
        case "F16": elementType = .float16
        case "BF16": elementType = .bfloat16
        case "F64": elementType = .float64
        default:
            throw ReaderError.unsupportedDataType(path: url.path, dataType: chosen.dataType, supported: supportedDataTypes)
        }
        guard chosen.shape.count == 2, chosen.shape[0] > 0, chosen.shape[1] > 0 else {
            throw ReaderError.unsupportedShape(path: url.path, shape: chosen.shape)
        }
        let data = StoredTableData(
            rowCount: chosen.shape[0], dimension: chosen.shape[1], elementType: elementType,
            isBigEndian: false, isColumnMajor: false, byteOffset: header.dataStart + chosen.begin)
        return try data.load(from: file, url: url, allowNonFinite: allowNonFinite)
    }

    /// Names of the tensors in the safetensors file at `url`, sorted.
    /// - Throws: `ReaderError` when the header is truncated, malformed or has invalid offsets.
    public static func tensorNames(_ url: URL) throws -> [String] {
        let file = try MappedFile(url: url)
        return try SafetensorsHeader.parse(file, path: url.path).tensors.map(\.name)
    }

    /// Writes `table` to `url` as a safetensors file with one F32 tensor called `tensor`.
    /// The header is padded with spaces so the data starts at a multiple of 8 bytes.
    /// - Throws: `FileWriteError.cannotWrite` naming the path.
    public static func write(_ table: EmbeddingTable, tensor: String, to url: URL) throws {
        struct Entry: Encodable {
            var dtype: String
            var shape: [Int]
            var data_offsets: [Int]
        }
        let entry = Entry(dtype: "F32", shape: [table.rowCount, table.dimension], data_offsets: [0, table.float32Bytes])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var json = Array(try encoder.encode([tensor: entry]))
        json += [UInt8](repeating: UInt8(ascii: " "), count: (8 - json.count % 8) % 8)
        var length = UInt64(json.count).littleEndian
        try AtomicFile.write(to: url) { output in
            try withUnsafeBytes(of: &length) { try output.write($0) }
            try output.write(json)
            try table.withUnsafeBufferPointer { values in
                try output.write(UnsafeRawBufferPointer(values))
            }
        }
    }
}
