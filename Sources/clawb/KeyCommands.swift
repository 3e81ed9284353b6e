import ClawbClient
import ClawbWire

struct KeyCreateCommand: Command {
    static let words = ["admin", "key", "create"]
    static let abstract = "Create another API key for a workspace (shown once)."
    static let usage = "clawb admin key create --workspace WORKSPACE_ID [--json]"

    let workspace: String
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        workspace = try arguments.requiredOption("--workspace")
        json = arguments.flag("--json")
    }

    func run(environment: CLIEnvironment) async throws {
        let created = try await environment.operatorClient().createAPIKey(workspaceID: workspace)
        if json { return Output.json(created) }
        Output.table(KeyListCommand.header, [KeyListCommand.row(created.key)])
        Output.line("\nAPI key (shown only now): \(created.apiKey)")
    }
}

struct KeyListCommand: Command {
    static let words = ["admin", "key", "list"]
    static let abstract = "List a workspace's API keys (metadata only)."
    static let usage = "clawb admin key list --workspace WORKSPACE_ID [--json]"

    let workspace: String
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        workspace = try arguments.requiredOption("--workspace")
        json = arguments.flag("--json")
    }

    func run(environment: CLIEnvironment) async throws {
        let list = try await environment.operatorClient().listAPIKeys(workspaceID: workspace)
        if json { return Output.json(list) }
        Output.table(Self.header, list.items.map(Self.row))
    }

    static let header = ["KEY", "PREFIX", "STATUS", "CREATED", "LAST USED", "EXPIRES"]

    static func row(_ key: APIKeyBody) -> [String] {
        [key.keyID, key.prefix, key.status, key.createdAt, key.lastUsedAt ?? "-", key.expiresAt ?? "-"]
    }
}

struct KeyRevokeCommand: Command {
    static let words = ["admin", "key", "revoke"]
    static let abstract = "Revoke an API key at once."
    static let usage = "clawb admin key revoke KEY_ID [--json]"

    let keyID: String
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        json = arguments.flag("--json")
        keyID = try arguments.requiredPositional("KEY_ID")
    }

    func run(environment: CLIEnvironment) async throws {
        let result = try await environment.operatorClient().revokeAPIKey(keyID: keyID)
        if json { return Output.json(result) }
        Output.line(result.revoked ? "revoked \(keyID)" : "\(keyID) was already revoked")
    }
}

struct KeyRotateCommand: Command {
    static let words = ["admin", "key", "rotate"]
    static let abstract = "Issue a replacement key; the old one works for the overlap, then stops."
    static let usage = "clawb admin key rotate KEY_ID [--overlap-seconds N] [--json]"

    let keyID: String
    let overlapSeconds: Int64?
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        json = arguments.flag("--json")
        if let text = try arguments.option("--overlap-seconds") {
            guard let value = Int64(text) else { throw UsageError("--overlap-seconds must be a whole number.") }
            overlapSeconds = value
        } else {
            overlapSeconds = nil
        }
        keyID = try arguments.requiredPositional("KEY_ID")
    }

    func run(environment: CLIEnvironment) async throws {
        let result = try await environment.operatorClient().rotateAPIKey(keyID: keyID, overlapSeconds: overlapSeconds)
        if json { return Output.json(result) }
        Output.table(KeyListCommand.header, [KeyListCommand.row(result.key)])
        Output.line("\n\(result.previousKeyID) stops working at \(result.previousKeyExpiresAt).")
        Output.line("New API key (shown only now): \(result.apiKey)")
    }
}
