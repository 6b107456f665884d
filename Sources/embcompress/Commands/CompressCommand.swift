import EmbeddingCompression

struct CompressCommand: Command {
    let name = "compress"
    let summary = "TODO"
    let help = "TODO\n"

    func run(_ arguments: inout ParsedArguments) throws {
        // TODO: implement compress.
        throw UsageError(description: "compress is not implemented yet")
    }
}
