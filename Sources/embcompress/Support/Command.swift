import EmbeddingCompression
import Foundation

/// Process exit codes of embcompress.
enum ExitCode: Int32 {
    case success = 0
    /// The command ran and failed: bad input file, impossible budget, corrupt container.
    case failure = 1
    /// The command line itself is wrong: unknown command or option, missing value.
    case usage = 2
}

/// One subcommand of embcompress.
protocol Command {
    var name: String { get }
    /// One line for the command list.
    var summary: String { get }
    /// Full help text, printed by `--help`.
    var help: String { get }
    func run(_ arguments: inout ParsedArguments) throws
}

/// Runs `command`, printing its errors to stderr and mapping them to exit codes.
func runCommand(_ command: Command, arguments: [String]) -> ExitCode {
    if arguments.contains("--help") || arguments.contains("-h") {
        FileHandle.standardOutput.write(Data(command.help.utf8))
        return .success
    }
    do {
        var parsed = try ParsedArguments(arguments)
        try command.run(&parsed)
        return .success
    } catch let error as UsageError {
        Console.error("\(error)")
        Console.error("run 'embcompress \(command.name) --help' for its options")
        return .usage
    } catch {
        Console.error("\(error)")
        return .failure
    }
}

/// Writes to stderr.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
