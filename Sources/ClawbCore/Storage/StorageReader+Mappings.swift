extension StorageReader {
    /// True when `workspace` maps `agent` — with mapping status `active` when `activeOnly`
    /// (API.md §3's "workspace-scoped agent lookup"), in any status otherwise.
    public func maps(_ agent: AgentID, in workspace: WorkspaceID, activeOnly: Bool = false) throws -> Bool {
        try mappings(of: agent, in: workspace).contains { !activeOnly || $0.status == .active }
    }

    /// The agent and its mappings in `workspace`, when at least one of them is active: the
    /// workspace-scoped lookup of every request-time decision (mint, exchange, check). Nil
    /// otherwise, whatever the agent is elsewhere.
    public func activelyMappedAgent(_ agent: AgentID, in workspace: WorkspaceID) throws -> (Agent, [AgentMapping])? {
        let mappings = try mappings(of: agent, in: workspace)
        guard mappings.contains(where: { $0.status == .active }), let found = try self.agent(id: agent) else {
            return nil
        }
        return (found, mappings)
    }
}
