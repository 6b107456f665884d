import EmbeddingCompression

struct MethodsCommand: Command {
    let name = "methods"
    let summary = "list the registered methods, their parameters and memory formulas"
    let help = """
        usage: embcompress methods [IDENTIFIER...]

        Lists every registered compression method (or only those named): its identifier,
        whether it compresses a trained table (post-training) or replaces the embedding layer
        while a CTR model trains (training-time), what it stores, its parameters with unit and
        default, its serving memory in bytes as a formula of rows n and dimension d, and the
        knob a budget chooses.

        """

    func run(_ arguments: inout ParsedArguments) throws {
        try arguments.finish(maximumPositionals: Int.max)
        let registry = builtinRegistry()
        var methods = registry.methods
        if !arguments.positionals.isEmpty {
            methods = try arguments.positionals.map { identifier in
                guard let method = methods.first(where: { $0.identifier == identifier }) else {
                    throw UsageError(description: "unknown method '\(identifier)'; registered methods: \(registry.methods.map(\.identifier).joined(separator: ", "))")
                }
                return method
            }
        }
        Console.output(Self.describe(methods))
    }

    /// One block per method, separated by blank lines.
    static func describe(_ methods: [any CompressionMethod]) -> String {
        guard !methods.isEmpty else { return "No methods are registered.\n" }
        var blocks: [String] = []
        for method in methods {
            let kind: String
            switch method {
            case is any TableCompressor: kind = "post-training"
            case is any TrainableEmbeddingMethod: kind = "training-time"
            default: kind = "other"
            }
            var lines = [
                "\(method.identifier)  (\(kind))",
                "  \(method.summary)",
                "  memory (bytes): \(method.memoryFormula)",
                "  budget chooses: \(method.budgetKnob)",
            ]
            if method.parameters.isEmpty {
                lines.append("  parameters: none")
            } else {
                lines.append("  parameters:")
                for parameter in method.parameters {
                    let unit = parameter.unit.isEmpty ? "" : "\(parameter.unit), "
                    lines.append("    \(parameter.name) (\(unit)default \(parameter.defaultValue)): \(parameter.summary)")
                }
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }
}
