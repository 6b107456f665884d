import EmbeddingCompression
import Foundation

struct CompressCommand: Command {
    let name = "compress"
    let summary = "compress one table with one method at one budget into a container file"
    let help = """
        usage: embcompress compress INPUT --method ID --budget B --output FILE [options]

        Compresses the table in INPUT with one method so that its serving footprint fits the
        budget, and writes the compressed table as a container file (format: docs/format.md).
        Prints the footprint, the ratio to Float32 and the file size.

        arguments:
          INPUT                  table to compress: .npy (float16, float32 or float64; C or
                                 Fortran order), .safetensors, or word2vec/GloVe text (.txt, .vec)

        options:
          --method ID            compression method; 'embcompress methods' lists them
          --budget B             the most serving bytes the compressed table may use, as a
                                 fraction of the Float32 table (1/8 or 0.125) or as bytes
                                 (4096, 512K, 12MB, 1G; K, M and G are powers of 1,024)
          --output FILE          container file to write; an existing file is replaced
          --tensor NAME          safetensors tensor to read (default: the only 2-D tensor)
          --codec CODEC          lossless codec for the stored sections: zstd (default), lz4 or
                                 none; with none the file can be memory-mapped and served in place
          --seed N               seed for the method's random choices (default 42)
          --allow-non-finite     keep NaN and infinite values instead of rejecting the table

        Exit status: 0 on success, 1 when the input cannot be read or the budget is impossible
        (the message names the smallest feasible budget), 2 for a wrong command line.

        """

    func run(_ arguments: inout ParsedArguments) throws {
        let methodName = try arguments.value("method")
        let budgetText = try arguments.value("budget")
        let outputPath = try arguments.value("output")
        let tensor = try arguments.value("tensor")
        let codecName = try arguments.value("codec") ?? ContainerCodec.zstd.rawValue
        let seed = try arguments.integer("seed") ?? 42
        let allowNonFinite = try arguments.flag("allow-non-finite")
        try arguments.finish(maximumPositionals: 1)

        guard let inputPath = arguments.positionals.first else { throw UsageError(description: "missing INPUT, the table to compress") }
        guard let methodName else { throw UsageError(description: "missing --method; 'embcompress methods' lists them") }
        guard let budgetText else { throw UsageError(description: "missing --budget, for example --budget 1/8 or --budget 12MB") }
        guard let outputPath else { throw UsageError(description: "missing --output, the container file to write") }
        guard let codec = ContainerCodec(rawValue: codecName) else {
            throw UsageError(description: "invalid --codec '\(codecName)'; use zstd, lz4 or none")
        }
        guard seed >= 0 else { throw UsageError(description: "invalid --seed \(seed); give a non-negative integer") }
        let budget: Budget
        do {
            budget = try Budget(parsing: budgetText)
        } catch {
            throw UsageError(description: "\(error)")
        }

        // Cheap checks of the input run before the method lookup, so a wrong path is reported
        // first. The table itself is read only once the whole command line is valid.
        let inputURL = URL(fileURLWithPath: inputPath)
        let inputExtension = "." + inputURL.pathExtension.lowercased()
        guard TableFile.supportedExtensions.contains(inputExtension) else {
            throw ReaderError.unsupportedExtension(path: inputPath, supported: TableFile.supportedExtensions)
        }
        guard FileManager.default.isReadableFile(atPath: inputPath) else {
            throw TableError.cannotOpen(path: inputPath, reason: FileManager.default.fileExists(atPath: inputPath) ? "not readable" : "no such file")
        }
        if tensor != nil && inputExtension != ".safetensors" {
            throw UsageError(description: "--tensor applies only to .safetensors input")
        }

        let registry = builtinRegistry()
        let method: any CompressionMethod
        do {
            method = try registry.method(named: methodName)
        } catch {
            throw UsageError(description: "\(error)")
        }
        guard let compressor = method as? any TableCompressor else {
            throw FileCommandError.notPostTraining(method: methodName, compressors: registry.compressors.map(\.identifier))
        }

        let table = try TableFile.read(inputURL, tensor: tensor, allowNonFinite: allowNonFinite).table
        let budgetBytes = budget.bytes(float32Bytes: table.float32Bytes)
        let minimum = compressor.minimumFootprint(rowCount: table.rowCount, dimension: table.dimension)
        guard budgetBytes >= minimum else {
            throw CompressionError.infeasibleBudget(method: methodName, budgetBytes: budgetBytes, smallestFeasibleBytes: minimum)
        }

        let start = Date()
        let compressed = try compressor.compress(table, budgetBytes: budgetBytes, context: CompressionContext(seed: UInt64(seed)))
        let compressSeconds = Date().timeIntervalSince(start)
        guard compressed.footprintBytes <= budgetBytes else {
            throw FileCommandError.overBudget(method: methodName, footprintBytes: compressed.footprintBytes, budgetBytes: budgetBytes)
        }
        let fileBytes = try ContainerFile.write(compressed, codec: codec, to: URL(fileURLWithPath: outputPath))

        let parameters = compressed.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let ratio = Double(table.float32Bytes) / Double(max(compressed.footprintBytes, 1))
        Console.output(alignedPairs([
            ("input", "\(inputPath) (\(table.rowCount) x \(table.dimension), \(groupedDigits(table.float32Bytes)) B as Float32)"),
            ("method", methodName + (parameters.isEmpty ? "" : " (\(parameters))")),
            ("budget", "\(groupedDigits(budgetBytes)) B (\(budget))"),
            ("footprint", "\(groupedDigits(compressed.footprintBytes)) B"),
            ("ratio", String(format: "%.2fx smaller than Float32", ratio)),
            ("file", "\(outputPath), \(groupedDigits(fileBytes)) B (\(codec.rawValue))"),
            ("compress time", String(format: "%.2f s", compressSeconds)),
        ]))
    }
}
