import ClawbClient
import ClawbWire
import Foundation

struct CredentialsMintCommand: Command {
    static let words = ["credentials", "mint"]
    static let abstract = "Mint a short-lived credential for an agent (the token is printed once)."
    static let usage = """
        clawb credentials mint --agent AGENT_ID [--scope S]... [--ttl SECONDS] [--type opaque|jwt] [--one-time] \
        [--audience A] [--provider P] [--policy POLICY_ID] [--json]
        """

    let request: MintRequest
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        let scopes = try arguments.options("--scope")
        var ttl: Int64?
        if let text = try arguments.option("--ttl") {
            guard let value = Int64(text) else { throw UsageError("--ttl must be a whole number of seconds.") }
            ttl = value
        }
        request = MintRequest(
            agentID: try arguments.requiredOption("--agent"), provider: try arguments.option("--provider"),
            audience: try arguments.option("--audience"), ttlSeconds: ttl,
            oneTime: arguments.flag("--one-time") ? true : nil,
            scopes: scopes.isEmpty ? nil : scopes, policyID: try arguments.option("--policy"),
            tokenType: try arguments.option("--type"))
        json = arguments.flag("--json")
    }

    func run(environment: CLIEnvironment) async throws {
        let response = try await environment.workspaceClient().mint(request)
        if json { return Output.json(response) }
        Output.line(response.credential.token)
        Output.error(
            "\(response.credential.credID) (\(response.credential.tokenType)) expires at \(response.credential.expiresAt)"
        )
    }
}

struct CredentialsIntrospectCommand: Command {
    static let words = ["credentials", "introspect"]
    static let abstract = "Introspect a token (reads it from stdin; consumes a one-time credential)."
    static let usage = "clawb credentials introspect [--scope-hash H] [--json] < token"

    let scopeHash: String?
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        scopeHash = try arguments.option("--scope-hash")
        json = arguments.flag("--json")
    }

    func run(environment: CLIEnvironment) async throws {
        // Tokens are secrets: read from standard input, never from a flag.
        let token = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw UsageError("Pipe the token on standard input.") }
        let response = try await environment.anonymousClient().introspect(token: token, scopeHash: scopeHash)
        if json { return Output.json(response) }
        Output.line(
            response.active
                ? "active \(response.credID ?? "") sub=\(response.sub ?? "") exp=\(response.exp ?? 0)" : "inactive")
    }
}

struct CredentialsRevokeCommand: Command {
    static let words = ["credentials", "revoke"]
    static let abstract = "Revoke one credential by its cred_id."
    static let usage = "clawb credentials revoke CRED_ID [--reason TEXT] [--json]"

    let credID: String
    let reason: String?
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        reason = try arguments.option("--reason")
        json = arguments.flag("--json")
        credID = try arguments.requiredPositional("CRED_ID")
    }

    func run(environment: CLIEnvironment) async throws {
        let response = try await environment.workspaceClient().revokeCredential(
            RevokeCredentialRequest(credID: credID, reason: reason))
        if json { return Output.json(response) }
        Output.line(response.revoked == 1 ? "revoked \(credID)" : "\(credID) was not active")
    }
}

struct CredentialsRevokeAgentCommand: Command {
    static let words = ["credentials", "revoke-agent"]
    static let abstract = "Revoke every credential of an agent issued so far."
    static let usage = "clawb credentials revoke-agent AGENT_ID [--reason TEXT] [--json]"

    let agentID: String
    let reason: String?
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        reason = try arguments.option("--reason")
        json = arguments.flag("--json")
        agentID = try arguments.requiredPositional("AGENT_ID")
    }

    func run(environment: CLIEnvironment) async throws {
        let response = try await environment.workspaceClient().revokeByAgent(agentID: agentID, reason: reason)
        if json { return Output.json(response) }
        Output.line(
            "revoked \(response.revoked) live credentials of \(agentID) (issued before \(response.revokedBefore))")
    }
}

struct KillSwitchCommand: Command {
    static let words = ["kill-switch"]
    static let abstract = "Incident controls: pause|resume minting, revoke-all credentials, status."
    static let usage = "clawb kill-switch pause|resume|revoke-all|status [--reason TEXT] [--json]"

    let action: String
    let reason: String?
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        reason = try arguments.option("--reason")
        json = arguments.flag("--json")
        action = try arguments.requiredPositional("pause|resume|revoke-all|status")
        guard ["pause", "resume", "revoke-all", "status"].contains(action) else {
            throw UsageError("The action must be pause, resume, revoke-all or status.")
        }
    }

    func run(environment: CLIEnvironment) async throws {
        let client = try environment.workspaceClient()
        switch action {
        case "pause", "resume":
            let response = try await client.setMintingPaused(action == "pause", reason: reason)
            if json { return Output.json(response) }
            Output.line(response.mintingPaused ? "minting paused" : "minting resumed")
        case "revoke-all":
            let response = try await client.revokeAll(reason: reason)
            if json { return Output.json(response) }
            Output.line("every credential issued up to \(response.allCredentialsRevokedAt) is revoked")
        default:
            let status = try await client.killSwitchStatus()
            if json { return Output.json(status) }
            Output.table(
                ["MINTING", "REASON", "ALL REVOKED AT"],
                [
                    [
                        status.mintingPaused ? "paused" : "active", status.mintingPausedReason ?? "-",
                        status.allCredentialsRevokedAt ?? "-",
                    ]
                ])
        }
    }
}

struct SigningKeyRotateCommand: Command {
    static let words = ["admin", "signing-key", "rotate"]
    static let abstract = "Rotate the issuer signing key (the old one stays in the JWKS until its tokens expire)."
    static let usage = "clawb admin signing-key rotate [--json]"

    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        json = arguments.flag("--json")
    }

    func run(environment: CLIEnvironment) async throws {
        let response = try await environment.operatorClient().rotateSigningKey()
        if json { return Output.json(response) }
        Output.line(
            "new signing key \(response.kid); \(response.previousKid) stays published until \(response.previousPublishedUntil)"
        )
    }
}
