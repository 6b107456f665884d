import EmbeddingCompression
import Foundation

struct InspectCommand: Command {
    let name = "inspect"
    let summary = "show a container file's header, sections and footprint, and verify its checksums"
    let help = """
        usage: embcompress inspect FILE

        Prints the header of the container FILE (format version, method, parameters, table
        shape, field schema), each section (element type, codec, raw and stored bytes, offset,
        checksum status) and the footprint, then verifies every checksum.

        arguments:
          FILE    container file written by 'embcompress compress'

        Exit status: 0 when every checksum matches, 1 when any fails or the file is not a
        readable container, 2 for a wrong command line.

        """

    func run(_ arguments: inout ParsedArguments) throws {
        try arguments.finish(maximumPositionals: 1)
        guard let path = arguments.positionals.first else { throw UsageError(description: "missing FILE, the container to inspect") }
        let inspection = try ContainerFile.inspect(URL(fileURLWithPath: path))
        let metadata = inspection.metadata
        let float32Bytes = metadata.rowCount * metadata.dimension * 4
        let parameters = metadata.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")

        var pairs: [(String, String)] = [
            ("file", "\(path), \(groupedDigits(inspection.fileBytes)) B"),
            ("format version", "\(inspection.formatVersion)"),
            ("header", "\(groupedDigits(inspection.headerBytes)) B, checksum ok"),
            ("method", metadata.methodIdentifier),
            ("parameters", parameters.isEmpty ? "(none)" : parameters),
            ("table", "\(metadata.rowCount) x \(metadata.dimension) (\(groupedDigits(float32Bytes)) B as Float32)"),
            ("footprint", "\(groupedDigits(inspection.footprintBytes)) B"
                + String(format: " (%.2fx smaller than Float32)", Double(float32Bytes) / Double(max(inspection.footprintBytes, 1)))),
        ]
        if let schema = metadata.schema {
            let fields = schema.fields.map { "\($0.name)[\($0.rowOffset)..<\($0.rowOffset + $0.rowCount)]" }
            pairs.append(("fields", "\(schema.fields.count): " + fields.joined(separator: " ")))
        }
        var output = alignedPairs(pairs) + "\n"

        let header = ["section", "type", "codec", "raw bytes", "stored bytes", "offset", "checksum"]
        var rows = inspection.sections.map { section in
            [
                section.name, section.elementType.description, section.codec.rawValue,
                groupedDigits(section.rawBytes), groupedDigits(section.storedBytes), groupedDigits(section.offset),
                section.checksumMatches
                    ? "ok"
                    : "FAILED (stored 0x\(String(section.storedChecksum, radix: 16)), computed 0x\(String(section.computedChecksum, radix: 16)))",
            ]
        }
        rows.insert(header, at: 0)
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                // Names, types and codecs align left, numbers right.
                (1...2).contains(column) || column == 0 || column == 6
                    ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            output += cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        for name in inspection.sectionsWithDamagedPadding {
            output += "padding before section '\(name)' contains non-zero bytes\n"
        }
        Console.output(output)

        guard inspection.isIntact else {
            let failed = inspection.sections.filter { !$0.checksumMatches }.map { "section '\($0.name)'" }
                + inspection.sectionsWithDamagedPadding.map { "padding before '\($0)'" }
            throw FileCommandError.damaged(path: path, sections: failed)
        }
        Console.output("all checksums ok\n")
    }
}
