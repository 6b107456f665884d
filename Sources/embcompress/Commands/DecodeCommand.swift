import EmbeddingCompression

struct DecodeCommand: Command {
    let name = "decode"
    let summary = "TODO"
    let help = "TODO\n"

    func run(_ arguments: inout ParsedArguments) throws {
        // TODO: implement decode.
        throw UsageError(description: "decode is not implemented yet")
    }
}
