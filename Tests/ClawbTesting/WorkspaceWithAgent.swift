import ClawbApp

/// The usual starting point of an API test: an application, a live workspace, and an active
/// agent mapped in it as `bot` (with `mappingFields` added to the upsert body).
public struct WorkspaceWithAgent: Sendable {
    public let app: TestApplication
    public let workspace: (id: String, key: String, keyID: String)
    public let agent: TestApplication.TestAgent

    public init(mappingFields: String = "", configure: (inout Configuration) -> Void = { _ in }) throws {
        app = try TestApplication(configure: configure)
        workspace = try app.createWorkspace(mode: "live")
        agent = try app.activeAgent()
        let mapped = app.map(agent.id, as: "bot", key: workspace.key, extra: mappingFields)
        guard [200, 201].contains(mapped.status) else { throw TestFailure("mapping failed: \(mapped.text)") }
    }
}
