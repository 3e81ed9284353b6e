import ClawbCore
import Foundation

/// On a new data directory, creates a first test workspace so the tutorial works at once, and
/// says how to use it. The key is printed once, to standard output (never to the log).
public enum FirstRun {
    public static let workspaceName = "default"

    /// Returns the text to show the operator, or nil when there is nothing to do.
    public static func bootstrapIfNeeded(_ application: Application) throws -> String? {
        guard application.configuration.bootstrapFirstWorkspace, application.createdDatabase,
            try application.services.workspaces.workspaces().isEmpty
        else { return nil }
        let created = try application.services.workspaces.createWorkspace(
            name: workspaceName, mode: "test", requestID: nil)
        var adminLine = "The admin token is in CLAWB_ADMIN_TOKEN."
        if case .file(let path, _) = application.adminTokenSource {
            adminLine = "The operator (admin) token is in \(path) (mode 0600)."
        }
        return """

            Clawb server: created a first test workspace '\(workspaceName)' (\(created.workspace.id.rawValue)).
            Its API key is shown only this once. In another shell:

              export CLAWB_BASE_URL="\(application.configuration.effectivePublicURL)"
              export CLAWB_API_KEY="\(created.secret.text)"

            \(adminLine)

            """
    }
}
