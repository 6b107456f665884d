/// A command line wrong in itself: unknown option, missing or malformed value.
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

/// Options (`--name value`, `--flag`) and positional arguments of one subcommand.
///
/// Commands take their options with `value(_:)`, `flag(_:)` and `positionals`, then call
/// `finish()`, which rejects any option the command did not take.
struct ParsedArguments {
    private var options: [String: [String]] = [:]
    private var flags: Set<String> = []
    private(set) var positionals: [String] = []
    private var taken: Set<String> = []

    /// Options of any command that never take a value, so `--allow-non-finite table.npy` reads
    /// the file name as a positional argument rather than as the flag's value.
    static let flagNames: Set<String> = ["allow-non-finite", "help"]

    init(_ arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument.hasPrefix("--") {
                let body = String(argument.dropFirst(2))
                if let equals = body.firstIndex(of: "=") {
                    options[String(body[..<equals]), default: []].append(String(body[body.index(after: equals)...]))
                } else if !Self.flagNames.contains(body), index + 1 < arguments.count,
                          !arguments[index + 1].hasPrefix("--") {
                    options[body, default: []].append(arguments[index + 1])
                    index += 1
                } else {
                    flags.insert(body)
                }
            } else {
                positionals.append(argument)
            }
            index += 1
        }
    }

    /// The value of `--name`, or nil when absent.
    /// - Throws: `UsageError` when the option is given as a bare flag or more than once.
    mutating func value(_ name: String) throws -> String? {
        taken.insert(name)
        if flags.contains(name) { throw UsageError(description: "option --\(name) needs a value") }
        guard let values = options[name] else { return nil }
        guard values.count == 1 else { throw UsageError(description: "option --\(name) is given \(values.count) times; give it once") }
        return values[0]
    }

    /// Every value of a repeatable `--name`, each also split at commas.
    mutating func values(_ name: String) throws -> [String] {
        taken.insert(name)
        if flags.contains(name) { throw UsageError(description: "option --\(name) needs a value") }
        return (options[name] ?? []).flatMap { $0.split(separator: ",").map(String.init) }
    }

    /// Whether the flag `--name` is present.
    mutating func flag(_ name: String) throws -> Bool {
        taken.insert(name)
        if options[name] != nil {
            throw UsageError(description: "option --\(name) takes no value")
        }
        return flags.contains(name)
    }

    /// An integer option.
    mutating func integer(_ name: String) throws -> Int? {
        guard let text = try value(name) else { return nil }
        guard let number = Int(text) else { throw UsageError(description: "option --\(name): '\(text)' is not an integer") }
        return number
    }

    /// Rejects options the command did not read and more positionals than `maximumPositionals`.
    func finish(maximumPositionals: Int = 0) throws {
        let unknown = Set(options.keys).union(flags).subtracting(taken).sorted()
        if let first = unknown.first { throw UsageError(description: "unknown option --\(first)") }
        if positionals.count > maximumPositionals {
            throw UsageError(description: "unexpected argument '\(positionals[maximumPositionals])'")
        }
    }
}
