extension StorageReader {
    /// True when `workspace` maps `agent` — with mapping status `active` when `activeOnly`
    /// (API.md §3's "workspace-scoped agent lookup"), in any status otherwise.
    public func maps(_ agent: AgentID, in workspace: WorkspaceID, activeOnly: Bool = false) throws -> Bool {
        try mappings(of: agent, in: workspace).contains { !activeOnly || $0.status == .active }
    }
}
