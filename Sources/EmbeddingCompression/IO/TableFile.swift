import Foundation

/// Reads a table from any supported file, choosing the reader by extension.
public enum TableFile {
    /// Extensions `read` accepts.
    public static let supportedExtensions = [".npy", ".safetensors", ".txt", ".vec"]

    /// Reads `url` with the reader for its extension: `.npy` (NumPy), `.safetensors`, or
    /// `.txt` and `.vec` (word2vec and GloVe text, which also yield a vocabulary).
    ///
    /// - Parameter tensor: the safetensors tensor to read; ignored by the other formats.
    /// - Returns: the table, and the vocabulary for text files (nil otherwise).
    /// - Throws: `ReaderError.unsupportedExtension` for other extensions, and the errors of
    ///   the chosen reader.
    public static func read(
        _ url: URL, tensor: String? = nil, allowNonFinite: Bool = false
    ) throws -> (table: EmbeddingTable, vocabulary: [String]?) {
        switch url.pathExtension.lowercased() {
        case "npy":
            return (try NpyFile.read(url, allowNonFinite: allowNonFinite), nil)
        case "safetensors":
            return (try SafetensorsFile.read(url, tensor: tensor, allowNonFinite: allowNonFinite), nil)
        case "txt", "vec":
            let result = try TextEmbeddingFile.read(url, allowNonFinite: allowNonFinite)
            return (result.table, result.vocabulary)
        default:
            throw ReaderError.unsupportedExtension(path: url.path, supported: supportedExtensions)
        }
    }
}
