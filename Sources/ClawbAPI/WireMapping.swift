import ClawbCore
import ClawbWire

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
}
