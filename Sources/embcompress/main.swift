import EmbeddingCompression
import Foundation

// embcompress: register methods, run budget sweeps, write and read compressed tables.
// Results go to stdout, progress and errors to stderr. Exit codes: see ExitCode.

func allCommands() -> [Command] {
    [MethodsCommand(), SweepCommand(), CompressCommand(), DecodeCommand(), InspectCommand()]
}

func printUsage() {
    let commands = allCommands()
    var text = "usage: embcompress <command> [options]\n\ncommands:\n"
    for command in commands {
        text += "  " + command.name.padding(toLength: 10, withPad: " ", startingAt: 0) + command.summary + "\n"
    }
    text += "\nRun 'embcompress <command> --help' for a command's options.\n"
    FileHandle.standardOutput.write(Data(text.utf8))
}

let argumentsAfterName = Array(CommandLine.arguments.dropFirst())
guard let commandName = argumentsAfterName.first else {
    printUsage()
    exit(ExitCode.usage.rawValue)
}
if commandName == "--help" || commandName == "-h" || commandName == "help" {
    printUsage()
    exit(ExitCode.success.rawValue)
}
let commands = allCommands()
guard let command = commands.first(where: { $0.name == commandName }) else {
    Console.error("unknown command '\(commandName)'; commands: \(commands.map(\.name).joined(separator: ", "))")
    exit(ExitCode.usage.rawValue)
}
exit(runCommand(command, arguments: Array(argumentsAfterName.dropFirst())).rawValue)
