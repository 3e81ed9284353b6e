/// A signed reputation report by a workspace about an agent.
public struct Feedback: Hashable, Sendable {
    public enum Verdict: String, Sendable, CaseIterable {
        case good, bad, neutral

        /// `ok` (what the Python SDK sends) is read as `good`.
        public init?(wire: String) {
            if wire == "ok" {
                self = .good
            } else if let verdict = Verdict(rawValue: wire) {
                self = verdict
            } else {
                return nil
            }
        }
    }

    public let id: FeedbackID
    public let workspaceID: WorkspaceID
    public let agentID: AgentID
    /// The API key that signed it.
    public let keyID: APIKeyID
    public let verdict: Verdict
    /// The evidence object as canonical JSON text.
    public let evidenceJSON: String
    public let receivedAt: Timestamp

    public init(
        id: FeedbackID, workspaceID: WorkspaceID, agentID: AgentID, keyID: APIKeyID, verdict: Verdict,
        evidenceJSON: String, receivedAt: Timestamp
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.agentID = agentID
        self.keyID = keyID
        self.verdict = verdict
        self.evidenceJSON = evidenceJSON
        self.receivedAt = receivedAt
    }
}

/// Feedback about one agent from one live workspace, summed over one hour: what the score is
/// computed from, so that reading a reputation stays bounded however much feedback exists.
public struct FeedbackBucket: Sendable, Equatable {
    public let workspaceID: WorkspaceID
    public let verdict: Feedback.Verdict
    public let count: Int
    /// Mean arrival time of the bucket's reports.
    public let meanReceivedAt: Timestamp

    public init(workspaceID: WorkspaceID, verdict: Feedback.Verdict, count: Int, meanReceivedAt: Timestamp) {
        self.workspaceID = workspaceID
        self.verdict = verdict
        self.count = count
        self.meanReceivedAt = meanReceivedAt
    }
}
