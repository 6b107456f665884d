/// Reads MovieLens-100k as a click log from the RecBole atomic files
/// `ml-100k.inter`, `ml-100k.user` and `ml-100k.item`.
///
/// Atomic files are tab-separated with a header of `name:type` columns, for example
/// `user_id:token	item_id:token	rating:float	timestamp:float`. Columns are found by name, so
/// their order does not matter. A rating of 4 or more is a click. The fields are:
///
/// | field | from |
/// | --- | --- |
/// | user_id, item_id | the interaction |
/// | age, gender, occupation | the user file, each value a category |
/// | zip_prefix | the first 3 characters of the user's zip code |
/// | genres | the item's `class` column, several genres per item, mean-pooled |
/// | release_decade | the item's release year rounded down to a decade (`1990`); empty when unknown |
public enum MovieLensReader {
    public static let fieldNames = [
        "user_id", "item_id", "age", "gender", "occupation", "zip_prefix", "genres", "release_decade",
    ]

    /// A rating at or above this is a click.
    public static let clickThreshold: Float = 4

    /// Reads `<folder>/ml-100k.inter`, `.user` and `.item`.
    /// - Throws: `CTRDataError` naming the file and line of the first bad row.
    public static func read(folder: String) throws -> ClickLog {
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        let users = try readTable(path: base + "ml-100k.user", key: "user_id",
                                  columns: ["age", "gender", "occupation", "zip_code"])
        let items = try readTable(path: base + "ml-100k.item", key: "item_id",
                                  columns: ["release_year", "class"])
        let interactionsPath = base + "ml-100k.inter"
        let file = try TextFile(path: interactionsPath)
        guard let headerLine = file.lines.first else { throw CTRDataError.noRows(path: interactionsPath) }
        let header = columnIndices(header: headerLine)
        let userColumn = try index(of: "user_id", in: header, path: interactionsPath, headerLine: headerLine)
        let itemColumn = try index(of: "item_id", in: header, path: interactionsPath, headerLine: headerLine)
        let ratingColumn = try index(of: "rating", in: header, path: interactionsPath, headerLine: headerLine)

        var log = ClickLog(source: "movielens-100k", fieldNames: fieldNames,
                           isMultiValued: fieldNames.map { $0 == "genres" })
        for lineIndex in 1..<file.lines.count {
            let lineNumber = lineIndex + 1
            let columns = TextFile.columns(file.lines[lineIndex])
            guard columns.count == header.count else {
                throw CTRDataError.wrongColumnCount(path: interactionsPath, line: lineNumber,
                                                    found: columns.count, expected: header.count)
            }
            let ratingText = String(columns[ratingColumn])
            guard let rating = Float(ratingText) else {
                throw CTRDataError.invalidLabel(path: interactionsPath, line: lineNumber, text: ratingText)
            }
            let userID = String(columns[userColumn])
            let itemID = String(columns[itemColumn])
            guard let user = users[userID] else {
                throw CTRDataError.unknownReference(path: interactionsPath, line: lineNumber, column: "user_id", value: userID)
            }
            guard let item = items[itemID] else {
                throw CTRDataError.unknownReference(path: interactionsPath, line: lineNumber, column: "item_id", value: itemID)
            }
            log.appendToken(userID, field: 0)
            log.appendToken(itemID, field: 1)
            log.appendToken(user[0], field: 2)
            log.appendToken(user[1], field: 3)
            log.appendToken(user[2], field: 4)
            log.appendToken(String(user[3].prefix(3)), field: 5)
            for genre in item[1].split(separator: " ") { log.appendToken(String(genre), field: 6) }
            log.appendToken(decade(ofYear: item[0]), field: 7)
            log.finishSample(label: rating >= clickThreshold ? 1 : 0)
        }
        guard log.sampleCount > 0 else { throw CTRDataError.noRows(path: interactionsPath) }
        return log
    }

    /// `"1995"` becomes `"1990"`; an empty or non-numeric year stays as it is (its own category).
    static func decade(ofYear year: String) -> String {
        guard let value = Int(year) else { return year }
        return String(value - ((value % 10) + 10) % 10)
    }

    /// Column positions by name, with the `:type` suffix of RecBole headers removed.
    static func columnIndices(header: Substring) -> [String: Int] {
        var indices: [String: Int] = [:]
        for (position, column) in TextFile.columns(header).enumerated() {
            let name = column.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            indices[name] = position
        }
        return indices
    }

    static func index(of column: String, in header: [String: Int], path: String, headerLine: Substring) throws -> Int {
        guard let position = header[column] else {
            throw CTRDataError.missingColumn(path: path, column: column, header: String(headerLine))
        }
        return position
    }

    /// Reads an atomic file into `key value -> [values of columns]`.
    static func readTable(path: String, key: String, columns wanted: [String]) throws -> [String: [String]] {
        let file = try TextFile(path: path)
        guard let headerLine = file.lines.first else { throw CTRDataError.noRows(path: path) }
        let header = columnIndices(header: headerLine)
        let keyColumn = try index(of: key, in: header, path: path, headerLine: headerLine)
        let wantedColumns = try wanted.map { try index(of: $0, in: header, path: path, headerLine: headerLine) }
        let columnCount = TextFile.columns(headerLine).count
        var table: [String: [String]] = [:]
        for lineIndex in 1..<file.lines.count {
            let columns = TextFile.columns(file.lines[lineIndex])
            guard columns.count == columnCount else {
                throw CTRDataError.wrongColumnCount(path: path, line: lineIndex + 1, found: columns.count, expected: columnCount)
            }
            table[String(columns[keyColumn])] = wantedColumns.map { String(columns[$0]) }
        }
        guard !table.isEmpty else { throw CTRDataError.noRows(path: path) }
        return table
    }
}
