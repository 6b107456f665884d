import EmbeddingCompression

struct MethodsCommand: Command {
    let name = "methods"
    let summary = "TODO"
    let help = "TODO\n"

    func run(_ arguments: inout ParsedArguments) throws {
        // TODO: implement methods.
        throw UsageError(description: "methods is not implemented yet")
    }
}
