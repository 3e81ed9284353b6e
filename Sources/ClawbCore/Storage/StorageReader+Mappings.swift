extension StorageReader {
    /// True when `workspace` maps `agent` — with mapping status `active` when `activeOnly`
    /// (API.md §3's "workspace-scoped agent lookup"), in any status otherwise.
    public func maps(_ agent: AgentID, in workspace: WorkspaceID, activeOnly: Bool = false) throws -> Bool {
        let filter = AgentMappingFilter(status: activeOnly ? .active : nil, agentID: agent)
        return !(try mappings(workspace: workspace, filter: filter, afterPosition: 0, limit: 1).items.isEmpty)
    }
}
