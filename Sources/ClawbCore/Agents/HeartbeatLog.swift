/// Agent heartbeats (API.md §5): agent-signed reports of liveness, and the latest ones of an
/// agent for a workspace that maps it. Stored for `retentionDays` (pruned in the background).
public struct HeartbeatLog: Sendable {
    let verifier: SignedRequestVerifier
    let storage: any Storage
    let clock: any Clock

    public static let maxLatencyMilliseconds: Int64 = 3_600_000
    public static let defaultLimit = 20
    public static let maxLimit = 100
    public static let retentionDays: Int64 = 7

    public init(verifier: SignedRequestVerifier, storage: any Storage, clock: any Clock) {
        self.verifier = verifier
        self.storage = storage
        self.clock = clock
    }

    /// The body as received (`agent_id`, `status`, `latency_ms`).
    public struct Report: Sendable {
        public var agentID: String?
        public var status: String?
        public var latencyMilliseconds: Int64?

        public init(agentID: String?, status: String?, latencyMilliseconds: Int64?) {
            self.agentID = agentID
            self.status = status
            self.latencyMilliseconds = latencyMilliseconds
        }
    }

    /// Checks the body against the signed headers, then the signature; stores the heartbeat in
    /// the nonce's transaction. Signature failures are 401 (`invalid_signature`,
    /// `timestamp_out_of_range`, `replay_detected`), an unknown agent 404, a revoked one 403.
    public func record(_ report: Report, signed request: SignedRequest) throws -> Heartbeat {
        guard let agentText = report.agentID, !agentText.isEmpty else {
            throw DomainError(.missingAgentID, "agent_id is required.", field: "agent_id")
        }
        guard let headerAgent = request.agentID, request.timestamp != nil, request.nonce != nil,
            request.signature != nil
        else {
            throw DomainError(
                .missingSignatureHeaders,
                "Send X-Clawb-Agent-Id, X-Clawb-Timestamp, X-Clawb-Nonce and X-Clawb-Signature.")
        }
        guard headerAgent == agentText else {
            throw DomainError(
                .agentHeaderMismatch, "agent_id in the body differs from X-Clawb-Agent-Id.", field: "agent_id")
        }
        guard let status = Heartbeat.Status(rawValue: report.status ?? "ok") else {
            throw DomainError(.invalidStatus, "status must be ok or error.", field: "status")
        }
        if let latency = report.latencyMilliseconds, !(0...Self.maxLatencyMilliseconds).contains(latency) {
            throw DomainError(
                .invalidLatency, "latency_ms must be from 0 to \(Self.maxLatencyMilliseconds).", field: "latency_ms")
        }
        let now = clock.now()
        let result = try verifier.verify(request) { agent, transaction in
            try transaction.insert(
                Heartbeat(
                    agentID: agent.id, status: status, latencyMilliseconds: report.latencyMilliseconds, createdAt: now))
        }
        switch result {
        case .success(let agent):
            return Heartbeat(
                agentID: agent.id, status: status, latencyMilliseconds: report.latencyMilliseconds, createdAt: now)
        case .failure(let failure): throw failure.asDomainError
        }
    }

    /// The latest heartbeats of an agent mapped in the caller's workspace, newest first.
    public func recent(
        agent agentText: String?, limit: String?, as principal: WorkspacePrincipal
    ) throws
        -> [Heartbeat]
    {
        guard let agentText, !agentText.isEmpty else {
            throw DomainError(.missingAgentID, "agent_id is required.", field: "agent_id")
        }
        let count = try PageLimit.parse(limit, maximum: Self.maxLimit, default: Self.defaultLimit)
        let unknown = DomainError(
            .unknownAgent, "No agent with this id is mapped in this workspace.", field: "agent_id")
        guard let agentID = AgentID(agentText) else { throw unknown }
        return try storage.read { reader in
            guard try reader.maps(agentID, in: principal.workspace.id) else { throw unknown }
            return try reader.heartbeats(agent: agentID, limit: count)
        }
    }

    /// Deletes, in a small batch, heartbeats older than the retention.
    public func prune(batchSize: Int = 1000) throws -> Int {
        let cutoff = clock.now().adding(seconds: -Self.retentionDays * 86_400)
        return try storage.write { try $0.pruneHeartbeats(before: cutoff, limit: batchSize) }
    }
}
