import Foundation

/// Writes sweep results: an aligned table for stdout, and CSV, JSON and an SVG chart of
/// quality against footprint in an output folder.
public enum SweepOutput {
    /// Formats `rows` as an aligned text table with the given column names
    /// (names from `SweepRow.columnNames`).
    public static func alignedTable(rows: [SweepRow], columns: [String]) -> String {
        // TODO: implement.
        return ""
    }

    /// Writes `<name>.csv`, `<name>.json` and `<name>.svg` into `folder` (created when missing)
    /// and returns their URLs. The chart plots each of `qualityColumns` against footprint bytes,
    /// one series per method. Files are written to temporary names and renamed into place.
    public static func write(rows: [SweepRow], name: String, folder: URL, qualityColumns: [String]) throws -> [URL] {
        // TODO: implement.
        return []
    }
}
