/// A tenant. Its mode is fixed at creation and decides the prefix of its API keys.
public struct Workspace: Hashable, Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        case live
        case test
    }

    public let id: WorkspaceID
    public let name: String
    public let mode: Mode
    public let createdAt: Timestamp

    public init(id: WorkspaceID, name: String, mode: Mode, createdAt: Timestamp) {
        self.id = id
        self.name = name
        self.mode = mode
        self.createdAt = createdAt
    }
}
