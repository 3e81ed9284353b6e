import ClawbCore
import ClawbWire
import Foundation

/// Domain values to wire DTOs: typed ids become strings, times become RFC 3339.
enum WireMapping {
    static func workspace(_ workspace: Workspace) -> WorkspaceBody {
        WorkspaceBody(
            workspaceID: workspace.id.rawValue, name: workspace.name, mode: workspace.mode.rawValue,
            createdAt: workspace.createdAt.rfc3339)
    }

    /// `now` decides whether a rotated key shows as `expired`; nil for a key just created.
    static func apiKey(_ key: APIKey, now: Timestamp?) -> APIKeyBody {
        let status: String
        if key.revokedAt != nil {
            status = "revoked"
        } else if let now, !key.isUsable(at: now) {
            status = "expired"
        } else {
            status = "active"
        }
        return APIKeyBody(
            keyID: key.id.rawValue, workspaceID: key.workspaceID.rawValue, prefix: key.displayPrefix,
            status: status, createdAt: key.createdAt.rfc3339, lastUsedAt: key.lastUsedAt?.rfc3339,
            revokedAt: key.revokedAt?.rfc3339, expiresAt: key.expiresAt?.rfc3339)
    }

    static func agent(_ agent: Agent) -> AgentBody {
        AgentBody(
            agentID: agent.id.rawValue, name: agent.name, status: agent.status.rawValue, keyType: Agent.keyType,
            publicKey: Data(agent.publicKey).base64EncodedString(), keyFingerprint: agent.keyFingerprint,
            metadata: agent.metadata, createdAt: agent.createdAt.rfc3339, attestedAt: agent.attestedAt?.rfc3339)
    }

    static func mapping(_ mapping: AgentMapping) -> AgentMappingBody {
        AgentMappingBody(
            externalAgentKey: mapping.externalAgentKey, agentID: mapping.agentID.rawValue,
            displayName: mapping.displayName, labels: mapping.labels, environment: mapping.environment,
            source: mapping.source.rawValue, status: mapping.status.rawValue,
            createdAt: mapping.createdAt.rfc3339, updatedAt: mapping.updatedAt.rfc3339)
    }

    static func operatorEvent(_ event: OperatorEvent) -> OperatorEventBody {
        OperatorEventBody(
            eventID: event.id.rawValue, createdAt: event.createdAt.rfc3339, eventType: event.eventType.rawValue,
            agentID: event.agentID, requestID: event.requestID, metadata: event.metadata)
    }

    static func auditEvent(_ event: AuditEvent) -> AuditEventBody {
        AuditEventBody(
            eventID: event.id.rawValue, workspaceID: event.workspaceID.rawValue, sequence: event.sequence,
            createdAt: event.createdAt.rfc3339, eventType: event.eventType.rawValue, agentID: event.agentID,
            action: event.action, decision: event.decision, traceID: event.traceID, policyID: event.policyID,
            actor: .init(type: event.actor.kind.rawValue, id: event.actor.id), requestID: event.requestID,
            metadata: event.metadata, hash: event.hash, prevHash: event.previousHash)
    }

    static func reputation(_ summary: ReputationSummary) -> ReputationBody {
        ReputationBody(
            agentID: summary.agent.id.rawValue, reputationBand: summary.score.band.rawValue,
            riskTier: summary.score.riskTier.rawValue, verificationTier: summary.verificationTier,
            score: (summary.score.score * 10_000).rounded() / 10_000,
            signalsSummary: .init(
                windowDays: Int(ReputationSummary.windowDays), feedbackGood: summary.feedbackGood,
                feedbackBad: summary.feedbackBad, feedbackNeutral: summary.feedbackNeutral,
                workspacesReporting: summary.workspacesReporting, policyDenials: 0, authFailures: 0),
            updatedAt: summary.computedAt.rfc3339)
    }
}
