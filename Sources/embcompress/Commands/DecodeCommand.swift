import EmbeddingCompression
import Foundation

struct DecodeCommand: Command {
    let name = "decode"
    let summary = "decode a container file back to a Float32 table (.npy or .safetensors)"
    let help = """
        usage: embcompress decode FILE --output OUT [--tensor NAME]

        Verifies every checksum of the container FILE, decodes all rows to Float32 with the
        method named in its header and writes them as a table.

        arguments:
          FILE             container file written by 'embcompress compress'

        options:
          --output OUT     table to write: OUT.npy (NumPy, float32, C order) or OUT.safetensors;
                           an existing file is replaced
          --tensor NAME    tensor name in a .safetensors output (default: embeddings)

        Exit status: 0 on success, 1 when the container is damaged, truncated or written by a
        method no plugin decodes, 2 for a wrong command line.

        """

    func run(_ arguments: inout ParsedArguments) throws {
        let outputPath = try arguments.value("output")
        let tensor = try arguments.value("tensor")
        try arguments.finish(maximumPositionals: 1)
        guard let inputPath = arguments.positionals.first else { throw UsageError(description: "missing FILE, the container to decode") }
        guard let outputPath else { throw UsageError(description: "missing --output, the .npy or .safetensors file to write") }
        let outputURL = URL(fileURLWithPath: outputPath)
        let outputExtension = outputURL.pathExtension.lowercased()
        guard outputExtension == "npy" || outputExtension == "safetensors" else {
            throw UsageError(description: "invalid --output '\(outputPath)'; give a file ending in .npy or .safetensors")
        }
        if tensor != nil && outputExtension != "safetensors" {
            throw UsageError(description: "--tensor applies only to .safetensors output")
        }

        let compressed = try ContainerFile.read(URL(fileURLWithPath: inputPath), registry: builtinRegistry())
        let start = Date()
        let table = try compressed.decodeAll()
        let decodeSeconds = Date().timeIntervalSince(start)
        if outputExtension == "npy" {
            try NpyFile.write(table, to: outputURL)
        } else {
            try SafetensorsFile.write(table, tensor: tensor ?? "embeddings", to: outputURL)
        }
        Console.output(alignedPairs([
            ("input", "\(inputPath) (\(compressed.methodIdentifier), \(table.rowCount) x \(table.dimension))"),
            ("output", "\(outputPath), \(groupedDigits(table.float32Bytes)) B of Float32"),
            ("decode time", String(format: "%.2f s", decodeSeconds)),
        ]))
    }
}
