import Foundation

/// A fresh folder under the system temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("EmbeddingCompressionTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Names of the files in the folder, hidden ones included, sorted.
    func fileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Little-endian byte building for hand-made fixture files.
extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    mutating func appendASCII(_ text: String) { append(contentsOf: Array(text.utf8)) }
}

/// Builds a .npy file by hand from the format description: magic, version, header length
/// (2 bytes for 1.0, 4 for 2.0 and 3.0), the dict padded with spaces and a newline so the
/// data starts at a multiple of 64, then `data`.
func handMadeNpy(major: UInt8, dictionary: String, data: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = [0x93]
    bytes.appendASCII("NUMPY")
    bytes += [major, 0]
    let prefix = major == 1 ? 10 : 12
    var header = Array(dictionary.utf8)
    while (prefix + header.count + 1) % 64 != 0 { header.append(0x20) }
    header.append(0x0A)
    if major == 1 {
        bytes.appendLittleEndian(UInt16(header.count))
    } else {
        bytes.appendLittleEndian(UInt32(header.count))
    }
    return bytes + header + data
}

func write(_ bytes: [UInt8], to url: URL) throws {
    try Data(bytes).write(to: url)
}
