import Foundation

/// The values of a table as a file stores them: where they start, their element type, byte
/// order and layout. Shared by the .npy and safetensors readers.
struct StoredTableData {
    var rowCount: Int
    var dimension: Int
    var elementType: StoredFloatType
    var isBigEndian: Bool
    var isColumnMajor: Bool
    /// Byte offset of the first element in the file.
    var byteOffset: Int

    /// Bytes the values occupy in the file.
    var byteCount: Int { rowCount * dimension * elementType.byteWidth }

    /// Loads the values as a row-major Float32 table.
    ///
    /// Little-endian row-major Float32 at a 4-aligned offset is memory-mapped without copying;
    /// every other layout is converted into an owned buffer, column-major data through a
    /// blocked transpose.
    ///
    /// - Throws: `ReaderError.dataBeyondEnd` when the file is shorter than the values,
    ///   `TableError.nonFiniteValue` for the first NaN or infinity unless `allowNonFinite`.
    func load(from file: MappedFile, url: URL, allowNonFinite: Bool) throws -> EmbeddingTable {
        try EmbeddingTable.validateShape(rowCount: rowCount, dimension: dimension)
        let available = file.count - byteOffset
        guard byteCount <= available else {
            throw ReaderError.dataBeyondEnd(path: url.path, claimedBytes: byteCount, availableBytes: max(available, 0))
        }
        let table: EmbeddingTable
        let count = rowCount * dimension
        if elementType == .float32, !isBigEndian, !isColumnMajor, byteOffset % MemoryLayout<Float>.alignment == 0 {
            let storage = try TableStorage(mapping: url, byteOffset: byteOffset, count: count)
            table = EmbeddingTable(rowCount: rowCount, dimension: dimension, storage: storage)
        } else {
            let source = file.bytes.baseAddress! + byteOffset
            table = try EmbeddingTable(rowCount: rowCount, dimension: dimension) { output in
                let destination = output.baseAddress!
                if !isColumnMajor {
                    elementType.convert(from: source, count: count, bigEndian: isBigEndian, into: destination)
                } else if elementType == .float32, !isBigEndian, byteOffset % MemoryLayout<Float>.alignment == 0 {
                    // The common Fortran-order case (GloVe's file): transpose straight from the map.
                    BlockedTranspose.columnMajorToRowMajor(
                        source.assumingMemoryBound(to: Float.self), rows: rowCount, columns: dimension, into: destination)
                } else {
                    let columnMajor = UnsafeMutablePointer<Float>.allocate(capacity: count)
                    defer { columnMajor.deallocate() }
                    elementType.convert(from: source, count: count, bigEndian: isBigEndian, into: columnMajor)
                    BlockedTranspose.columnMajorToRowMajor(columnMajor, rows: rowCount, columns: dimension, into: destination)
                }
            }
        }
        if !allowNonFinite, let bad = table.firstNonFiniteValue() {
            throw TableError.nonFiniteValue(source: url.path, row: bad.row, column: bad.column, value: bad.value)
        }
        return table
    }
}
