import ClawbClient
import ClawbWire

struct AgentsMapCommand: Command {
    static let words = ["agents", "map"]
    static let abstract = "Map an external key to an agent in your workspace (create or update)."
    static let usage = """
        clawb agents map --external-key KEY --agent AGENT_ID [--display-name NAME] [--label L]... \
        [--environment ENV] [--status active|suspended|retired] [--source workspace_api|provider_api] [--remap] [--json]
        """

    let request: UpsertMappingRequest
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        let labels = try arguments.options("--label")
        request = UpsertMappingRequest(
            externalAgentKey: try arguments.requiredOption("--external-key"),
            agentID: try arguments.requiredOption("--agent"),
            displayName: try arguments.option("--display-name"), labels: labels.isEmpty ? nil : labels,
            environment: try arguments.option("--environment"), source: try arguments.option("--source"),
            status: try arguments.option("--status"), remap: arguments.flag("--remap") ? true : nil)
        json = arguments.flag("--json")
    }

    func run(environment: CLIEnvironment) async throws {
        let response = try await environment.workspaceClient().upsertMapping(request)
        if json { return Output.json(response) }
        Output.table(AgentsListCommand.header, [AgentsListCommand.row(response.item)])
    }
}

struct AgentsListCommand: Command {
    static let words = ["agents", "list"]
    static let abstract = "List your workspace's agent mappings (--all follows every page)."
    static let usage = "clawb agents list [--environment ENV] [--status S] [--label L] [--limit N] [--all] [--json]"

    let environmentFilter: String?
    let status: String?
    let label: String?
    let limit: Int?
    let all: Bool
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        environmentFilter = try arguments.option("--environment")
        status = try arguments.option("--status")
        label = try arguments.option("--label")
        if let text = try arguments.option("--limit") {
            guard let value = Int(text) else { throw UsageError("--limit must be a whole number.") }
            limit = value
        } else {
            limit = nil
        }
        all = arguments.flag("--all")
        json = arguments.flag("--json")
    }

    func run(environment: CLIEnvironment) async throws {
        let client = try environment.workspaceClient()
        var items: [AgentMappingBody] = []
        var cursor: String?
        repeat {
            let page = try await client.listMappings(
                environment: environmentFilter, status: status, label: label, limit: limit,
                cursor: cursor)
            items += page.items
            cursor = all ? page.nextCursor : nil
            if !all, json { return Output.json(page) }
        } while cursor != nil
        if json { return Output.json(MappingListResponse(items: items, nextCursor: nil)) }
        Output.table(Self.header, items.map(Self.row))
    }

    static let header = ["EXTERNAL KEY", "AGENT", "STATUS", "ENVIRONMENT", "LABELS", "UPDATED"]

    static func row(_ mapping: AgentMappingBody) -> [String] {
        [
            mapping.externalAgentKey, mapping.agentID, mapping.status, mapping.environment ?? "-",
            mapping.labels.isEmpty ? "-" : mapping.labels.joined(separator: ","), mapping.updatedAt,
        ]
    }
}

struct AgentsShowCommand: Command {
    static let words = ["agents", "show"]
    static let abstract = "Show an agent mapped in your workspace."
    static let usage = "clawb agents show AGENT_ID [--json]"

    let agentID: String
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        json = arguments.flag("--json")
        agentID = try arguments.requiredPositional("AGENT_ID")
    }

    func run(environment: CLIEnvironment) async throws {
        let response = try await environment.workspaceClient().agent(id: agentID)
        if json { return Output.json(response) }
        let agent = response.agent
        Output.table(
            ["AGENT", "NAME", "STATUS", "KEY FINGERPRINT", "ATTESTED"],
            [[agent.agentID, agent.name, agent.status, agent.keyFingerprint, agent.attestedAt ?? "-"]])
        Output.line("")
        Output.table(AgentsListCommand.header, response.mappings.map(AgentsListCommand.row))
    }
}
