import ClawbClient
import ClawbWire

struct WorkspaceCreateCommand: Command {
    static let words = ["admin", "workspace", "create"]
    static let abstract = "Create a workspace and print its first API key (shown once)."
    static let usage = "clawb admin workspace create --name NAME [--mode test|live] [--json]"

    let name: String
    let mode: String?
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        name = try arguments.requiredOption("--name")
        mode = try arguments.option("--mode")
        json = arguments.flag("--json")
    }

    func run(environment: CLIEnvironment) async throws {
        let created = try await environment.operatorClient().createWorkspace(name: name, mode: mode)
        if json { return Output.json(created) }
        Output.table(["WORKSPACE", "NAME", "MODE", "CREATED"], [WorkspaceListCommand.row(created.workspace)])
        Output.line("\nAPI key (shown only now): \(created.apiKey)")
    }
}

struct WorkspaceListCommand: Command {
    static let words = ["admin", "workspace", "list"]
    static let abstract = "List workspaces."
    static let usage = "clawb admin workspace list [--json]"

    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        json = arguments.flag("--json")
    }

    func run(environment: CLIEnvironment) async throws {
        let list = try await environment.operatorClient().listWorkspaces()
        if json { return Output.json(list) }
        Output.table(["WORKSPACE", "NAME", "MODE", "CREATED"], list.items.map(Self.row))
    }

    static func row(_ workspace: WorkspaceBody) -> [String] {
        [workspace.workspaceID, workspace.name, workspace.mode, workspace.createdAt]
    }
}
