import EmbeddingCompression

struct SweepCommand: Command {
    let name = "sweep"
    let summary = "TODO"
    let help = "TODO\n"

    func run(_ arguments: inout ParsedArguments) throws {
        // TODO: implement sweep.
        throw UsageError(description: "sweep is not implemented yet")
    }
}
