/// The header of a NumPy .npy file (format versions 1.0, 2.0 and 3.0).
///
/// Layout: the magic `\x93NUMPY`, a major and a minor version byte, the header length as a
/// little-endian UInt16 (version 1.0) or UInt32 (2.0 and 3.0), then that many bytes of a
/// Python dict literal with the keys `descr`, `fortran_order` and `shape`. Version 3.0 only
/// allows UTF-8 in the dict. The array data starts right after the header.
struct NpyHeader: Equatable {
    var majorVersion: UInt8
    var minorVersion: UInt8
    var elementType: StoredFloatType
    var isBigEndian: Bool
    var isFortranOrder: Bool
    var shape: [Int]
    /// Byte offset of the first array element.
    var dataOffset: Int

    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// The `descr` values this reader converts, for error messages.
    static let supportedDataTypes = ["'<f2' (float16)", "'<f4' (float32)", "'<f8' (float64)", "and their big-endian '>' forms"]

    /// Parses the header at the start of `bytes`.
    /// - Throws: `ReaderError` naming `path` when the file is too short, the magic or version
    ///   is wrong, the dict is malformed or the element type is not a float.
    static func parse(_ bytes: UnsafeRawBufferPointer, path: String) throws -> NpyHeader {
        guard bytes.count >= 10 else {
            throw ReaderError.truncatedHeader(path: path, format: ".npy", fileBytes: bytes.count, neededBytes: 10)
        }
        guard Array(bytes[0..<6]) == magic else {
            throw ReaderError.malformedHeader(path: path, format: ".npy", reason: "the file does not start with the .npy magic \\x93NUMPY")
        }
        let major = bytes[6], minor = bytes[7]
        let lengthFieldSize: Int
        switch (major, minor) {
        case (1, 0): lengthFieldSize = 2
        case (2, 0), (3, 0): lengthFieldSize = 4
        default:
            throw ReaderError.unsupportedVersion(path: path, format: ".npy", version: "\(major).\(minor)", supported: ["1.0", "2.0", "3.0"])
        }
        guard bytes.count >= 8 + lengthFieldSize else {
            throw ReaderError.truncatedHeader(path: path, format: ".npy", fileBytes: bytes.count, neededBytes: 8 + lengthFieldSize)
        }
        let headerLength = lengthFieldSize == 2
            ? Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
            : Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
        let dataOffset = 8 + lengthFieldSize + headerLength
        guard bytes.count >= dataOffset else {
            throw ReaderError.truncatedHeader(path: path, format: ".npy", fileBytes: bytes.count, neededBytes: dataOffset)
        }
        let dictionaryBytes = UnsafeRawBufferPointer(rebasing: bytes[(8 + lengthFieldSize)..<dataOffset])
        // Versions 1.0 and 2.0 store Latin-1; the keys and values that matter are ASCII either way.
        let text = major == 3
            ? String(decoding: dictionaryBytes, as: UTF8.self)
            : String(dictionaryBytes.map { Character(Unicode.Scalar($0)) })

        let literal: PythonLiteral
        do {
            literal = try PythonLiteral.parse(text)
        } catch let error as PythonLiteralError {
            throw ReaderError.malformedHeader(path: path, format: ".npy", reason: error.message)
        }
        guard case .dictionary(let entries) = literal else {
            throw ReaderError.malformedHeader(path: path, format: ".npy", reason: "the header is not a dict")
        }
        func entry(_ key: String) throws -> PythonLiteral {
            guard let value = entries.first(where: { $0.key == key })?.value else {
                throw ReaderError.malformedHeader(path: path, format: ".npy", reason: "missing key '\(key)'")
            }
            return value
        }

        guard case .boolean(let fortranOrder) = try entry("fortran_order") else {
            throw ReaderError.malformedHeader(path: path, format: ".npy", reason: "'fortran_order' is not True or False")
        }
        guard case .sequence(let shapeElements) = try entry("shape") else {
            throw ReaderError.malformedHeader(path: path, format: ".npy", reason: "'shape' is not a tuple")
        }
        var shape: [Int] = []
        for element in shapeElements {
            guard case .integer(let extent) = element else {
                throw ReaderError.malformedHeader(path: path, format: ".npy", reason: "'shape' contains a value that is not an integer")
            }
            shape.append(extent)
        }
        let description = try entry("descr")
        guard case .string(let typeCode) = description else {
            // A list here describes a structured dtype (records), which is not a table of floats.
            throw ReaderError.unsupportedDataType(path: path, dataType: "structured", supported: supportedDataTypes)
        }
        let (elementType, isBigEndian) = try parseTypeCode(typeCode, path: path)
        return NpyHeader(
            majorVersion: major, minorVersion: minor, elementType: elementType, isBigEndian: isBigEndian,
            isFortranOrder: fortranOrder, shape: shape, dataOffset: dataOffset)
    }

    /// Splits a NumPy type code such as `<f4` into element type and byte order. `=` (native)
    /// and `|` (not applicable) count as little-endian, the order of every platform Swift
    /// runs this package on.
    private static func parseTypeCode(_ code: String, path: String) throws -> (StoredFloatType, Bool) {
        guard let order = code.first, "<>=|".contains(order) else {
            throw ReaderError.unsupportedDataType(path: path, dataType: code, supported: supportedDataTypes)
        }
        let type: StoredFloatType
        switch code.dropFirst() {
        case "f2", "e": type = .float16
        case "f4", "f": type = .float32
        case "f8", "d": type = .float64
        default: throw ReaderError.unsupportedDataType(path: path, dataType: code, supported: supportedDataTypes)
        }
        return (type, order == ">")
    }
}
