import Foundation

/// The lines of a text file with their 1-based line numbers, for readers that report errors
/// by file and line.
struct TextFile {
    let path: String
    let lines: [Substring]

    /// Reads the whole file. A trailing newline does not make an empty last line, and `\r\n`
    /// line ends are accepted.
    /// - Throws: `CTRDataError.unreadableFile` when the file is missing or not UTF-8.
    init(path: String) throws {
        // NOTE: the whole file is held in memory, and ClickLog then keeps every value as a
        // String, so a log needs several times its file size in RAM. Full Criteo days need a
        // streaming reader.
        self.path = path
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason: String
            if FileManager.default.fileExists(atPath: path) {
                reason = (error as NSError).localizedDescription
            } else if path.contains("ml-100k") {
                reason = "no such file; fetch MovieLens-100k with 'make data' (scripts/fetch-data.sh movielens)"
            } else {
                reason = "no such file"
            }
            throw CTRDataError.unreadableFile(path: path, reason: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CTRDataError.unreadableFile(path: path, reason: "the file is not UTF-8 text")
        }
        // Swift reads "\r\n" as one Character, so it is a separator of its own here.
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        if lines.last?.isEmpty == true { lines.removeLast() }
        self.lines = lines.map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }

    /// Splits a line at tabs, keeping empty columns (a missing value is an empty column).
    static func columns(_ line: Substring) -> [Substring] {
        line.split(separator: "\t", omittingEmptySubsequences: false)
    }
}
