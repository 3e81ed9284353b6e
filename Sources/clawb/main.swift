import ClawbClient
import Foundation

/// clawb: the command-line client. Exit codes: 0 success, 1 the server or the environment said
/// no, 64 the command was called wrongly.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.isEmpty || arguments == ["help"] || arguments == ["--help"] || arguments == ["-h"] {
    Output.line(Commands.help)
    exit(arguments.isEmpty ? 64 : 0)
}
guard let (commandType, rest) = Commands.find(arguments) else {
    Output.error("unknown command '\(arguments.joined(separator: " "))'.\n\n\(Commands.help)")
    exit(64)
}
if rest.contains("--help") {
    Output.line("\(commandType.abstract)\n\nusage: \(commandType.usage)")
    exit(0)
}
do {
    var reader = ArgumentReader(rest)
    let command = try commandType.init(arguments: &reader)
    try reader.finish()
    try await command.run(environment: CLIEnvironment(variables: ProcessInfo.processInfo.environment))
} catch let error as UsageError {
    Output.error("\(error.message)\nusage: \(commandType.usage)")
    exit(64)
} catch let error as ClawbClientError {
    Output.error(error.description)
    exit(1)
} catch let error as CLIError {
    Output.error(error.message)
    exit(1)
} catch {
    Output.error("\(error)")
    exit(1)
}
