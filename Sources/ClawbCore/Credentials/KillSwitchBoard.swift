/// A workspace's incident controls (API.md §4): pause minting, revoke every credential issued
/// so far (a watermark: O(1), effective from the moment the call returns), and their status.
public struct KillSwitchBoard: Sendable {
    let storage: any Storage
    let clock: any Clock
    let audit: AuditLog

    public init(storage: any Storage, clock: any Clock, audit: AuditLog) {
        self.storage = storage
        self.clock = clock
        self.audit = audit
    }

    public func setMintingPaused(
        _ paused: Bool?, reason: String?, as principal: WorkspacePrincipal, requestID: String?
    ) throws
        -> MintingControls
    {
        guard let paused else {
            throw DomainError(.invalidJSON, "paused (true or false) is required.", field: "paused")
        }
        let reason = try CredentialIssuer.validatedReason(reason)
        let now = clock.now()
        let audit = self.audit
        let workspace = principal.workspace.id
        return try storage.write { transaction in
            try transaction.setMintingPaused(workspace: workspace, paused: paused, reason: reason, at: now)
            try audit.append(
                AuditRecord(
                    .killSwitchMinting, workspace: workspace, actor: principal.actor, requestID: requestID,
                    decision: paused ? "paused" : "resumed", metadata: ["reason": reason.map(JSONValue.string) ?? .null]
                ),
                in: transaction)
            return try transaction.mintingControls(workspace: workspace)
        }
    }

    /// Every credential of the workspace issued up to now becomes inactive.
    public func revokeAll(reason: String?, as principal: WorkspacePrincipal, requestID: String?) throws -> Timestamp {
        let reason = try CredentialIssuer.validatedReason(reason)
        let now = clock.now()
        let audit = self.audit
        let workspace = principal.workspace.id
        try storage.write { transaction in
            try transaction.setAllRevoked(
                workspace: workspace, serial: try transaction.latestCredentialSerial(), at: now)
            try audit.append(
                AuditRecord(
                    .killSwitchRevokeAll, workspace: workspace, actor: principal.actor, requestID: requestID,
                    metadata: ["reason": reason.map(JSONValue.string) ?? .null]), in: transaction)
        }
        return now
    }

    public func status(of principal: WorkspacePrincipal) throws -> MintingControls {
        try storage.read { try $0.mintingControls(workspace: principal.workspace.id) }
    }
}
