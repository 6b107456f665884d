import EmbeddingCompression

/// Runs `embcompress sweep --task ctr`: options are read from `arguments`.
func runCTRSweep(_ arguments: inout ParsedArguments, registry: MethodRegistry) throws {
    // TODO: implement the ctr task.
    throw UsageError(description: "--task ctr is not implemented yet")
}
