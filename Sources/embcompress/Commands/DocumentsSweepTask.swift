import EmbeddingCompression

/// Runs `embcompress sweep --task documents`: options are read from `arguments`.
func runDocumentsSweep(_ arguments: inout ParsedArguments, registry: MethodRegistry) throws {
    // TODO: implement the documents task.
    throw UsageError(description: "--task documents is not implemented yet")
}
