import Foundation

/// Reads and writes NumPy .npy files holding one 2-D table.
///
/// Reading accepts format versions 1.0, 2.0 and 3.0; float16, float32 and float64 elements
/// (converted to Float32) in either byte order; and C or Fortran order (Fortran order is
/// transposed to row-major). Writing produces version 1.0, little-endian float32, C order.
public enum NpyFile {
    /// Reads the table in the .npy file at `url`.
    ///
    /// A little-endian float32 C-order file is memory-mapped, so reading it costs no copy.
    ///
    /// - Parameter allowNonFinite: keep NaN and infinite values instead of rejecting the file.
    /// - Throws: `ReaderError` for a truncated file, malformed header, unsupported version,
    ///   element type or shape; `TableError.nonFiniteValue` naming the row and column of the
    ///   first NaN or infinity; `TableError.cannotOpen` when the file cannot be opened.
    public static func read(_ url: URL, allowNonFinite: Bool = false) throws -> EmbeddingTable {
        let file = try MappedFile(url: url)
        let header = try NpyHeader.parse(file.bytes, path: url.path)
        guard header.shape.count == 2, header.shape[0] > 0, header.shape[1] > 0 else {
            throw ReaderError.unsupportedShape(path: url.path, shape: header.shape)
        }
        let (valueCount, overflow) = header.shape[0].multipliedReportingOverflow(by: header.shape[1])
        guard !overflow, valueCount <= Int.max / 8 else {
            throw ReaderError.unsupportedShape(path: url.path, shape: header.shape)
        }
        let data = StoredTableData(
            rowCount: header.shape[0], dimension: header.shape[1], elementType: header.elementType,
            isBigEndian: header.isBigEndian, isColumnMajor: header.isFortranOrder, byteOffset: header.dataOffset)
        return try data.load(from: file, url: url, allowNonFinite: allowNonFinite)
    }

    /// Writes `table` to `url` as a version 1.0, little-endian float32, C-order .npy file.
    /// The file is written under a temporary name and renamed into place.
    /// - Throws: `FileWriteError.cannotWrite` naming the path.
    public static func write(_ table: EmbeddingTable, to url: URL) throws {
        let header = headerBytes(rowCount: table.rowCount, dimension: table.dimension)
        try AtomicFile.write(to: url) { output in
            try output.write(header)
            try table.withUnsafeBufferPointer { values in
                try output.write(UnsafeRawBufferPointer(values))
            }
        }
    }

    /// The magic, version, header length and dict of a version 1.0 header, padded with spaces
    /// and a final newline so the data starts at a multiple of 64 bytes, as NumPy writes it.
    static func headerBytes(rowCount: Int, dimension: Int) -> [UInt8] {
        var dictionary = Array("{'descr': '<f4', 'fortran_order': False, 'shape': (\(rowCount), \(dimension)), }".utf8)
        let prefixLength = 10
        let padding = 64 - (prefixLength + dictionary.count + 1) % 64
        dictionary += [UInt8](repeating: UInt8(ascii: " "), count: padding % 64) + [UInt8(ascii: "\n")]
        let length = UInt16(dictionary.count)
        return NpyHeader.magic + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + dictionary
    }
}
