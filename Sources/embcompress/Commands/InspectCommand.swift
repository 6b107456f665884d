import EmbeddingCompression

struct InspectCommand: Command {
    let name = "inspect"
    let summary = "TODO"
    let help = "TODO\n"

    func run(_ arguments: inout ParsedArguments) throws {
        // TODO: implement inspect.
        throw UsageError(description: "inspect is not implemented yet")
    }
}
