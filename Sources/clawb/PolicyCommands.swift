import ClawbClient
import ClawbCrypto
import ClawbJSON
import ClawbWire
import Foundation

struct PoliciesListCommand: Command {
    static let words = ["policies", "list"]
    static let abstract = "List the workspace's policies (pol_default included)."
    static let usage = "clawb policies list [--json]"

    let json: Bool

    init(arguments: inout ArgumentReader) throws { json = arguments.flag("--json") }

    func run(environment: CLIEnvironment) async throws {
        let response = try await environment.workspaceClient().policies()
        if json { return Output.json(response) }
        Output.table(
            ["POLICY", "VERSION", "RULES", "DEFAULT", "UPDATED"],
            response.items.map { policy in
                guard case .object(let document) = policy.document else { return [policy.policyID] }
                let rules = if case .array(let list)? = document["rules"] { list.count } else { 0 }
                let fallback = if case .string(let text)? = document["default"] { text } else { "" }
                return [
                    policy.policyID, String(policy.version), String(rules), fallback, policy.updatedAt ?? "(built in)",
                ]
            })
    }
}

struct PoliciesGetCommand: Command {
    static let words = ["policies", "get"]
    static let abstract = "Print a policy's document (JSON), or its whole record with --json."
    static let usage = "clawb policies get POLICY_ID [--json]"

    let policyID: String
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        json = arguments.flag("--json")
        policyID = try arguments.requiredPositional("POLICY_ID")
    }

    func run(environment: CLIEnvironment) async throws {
        let response = try await environment.workspaceClient().policy(policyID)
        Output.json(json ? AnyEncodable(response) : AnyEncodable(response.policy.document))
    }
}

struct PoliciesPutCommand: Command {
    static let words = ["policies", "put"]
    static let abstract = "Store a new version of a policy from a JSON file (- for stdin)."
    static let usage = "clawb policies put POLICY_ID --file FILE|- [--json]"

    let policyID: String
    let file: String
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        file = try arguments.requiredOption("--file")
        json = arguments.flag("--json")
        policyID = try arguments.requiredPositional("POLICY_ID")
    }

    func run(environment: CLIEnvironment) async throws {
        let data =
            file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
        guard let data else { throw CLIError("cannot read \(file).") }
        let document: JSONValue
        do {
            document = try JSONParser.parse(Array(data))
        } catch let failure as JSONParser.Failure {
            throw CLIError("\(file) is not valid JSON: \(failure.reason) at byte \(failure.offset).")
        }
        let response = try await environment.workspaceClient().putPolicy(policyID, document: document)
        if json { return Output.json(response) }
        Output.line("stored \(response.policy.policyID) version \(response.policy.version)")
    }
}

struct CheckCommand: Command {
    static let words = ["check"]
    static let abstract = "Ask whether an agent may perform an action now (allow, challenge, deny)."
    static let usage = "clawb check --agent AGENT_ID --action ACTION [--policy POLICY_ID] [--context JSON] [--json]"

    let request: CheckRequest
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        let agentID = try arguments.requiredOption("--agent")
        let action = try arguments.requiredOption("--action")
        let policyID = try arguments.option("--policy")
        var context: JSONValue?
        if let text = try arguments.option("--context") {
            guard let value = try? JSONParser.parse(Array(text.utf8)), case .object = value else {
                throw UsageError("--context must be a JSON object, e.g. '{\"amount\":120}'.")
            }
            context = value
        }
        request = CheckRequest(agentID: agentID, policyID: policyID, action: action, context: context)
        json = arguments.flag("--json")
    }

    func run(environment: CLIEnvironment) async throws {
        let response = try await environment.workspaceClient().check(request)
        if json { return Output.json(response) }
        Output.line(
            "\(response.decision) (\(response.reasons.joined(separator: ", "))) — \(response.policyID) v\(response.policyVersion), trace \(response.traceID)"
        )
        if let challenge = response.challenge {
            Output.line("approval link (valid \(challenge.expiresIn) s): \(challenge.url)")
        }
    }
}

struct ApprovalsCommand: Command {
    static let words = ["approvals"]
    static let abstract = "Approve or deny a challenge through its link (the link is the credential)."
    static let usage = "clawb approvals approve|deny|show LINK_OR_TOKEN [--json]"

    let verb: String
    let token: String
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        json = arguments.flag("--json")
        verb = try arguments.requiredPositional("approve|deny|show")
        guard ["approve", "deny", "show"].contains(verb) else { throw UsageError("unknown approvals verb '\(verb)'.") }
        let link = try arguments.requiredPositional("LINK_OR_TOKEN")
        // A whole URL or just its last segment.
        token = link.split(separator: "/").last.map(String.init) ?? link
    }

    func run(environment: CLIEnvironment) async throws {
        let client = try environment.anonymousClient()
        let response =
            verb == "show"
            ? try await client.approval(token: token)
            : try await client.decideApproval(token: token, approve: verb == "approve")
        if json { return Output.json(response) }
        let approval = response.approval
        Output.line(
            "\(approval.approvalID): \(approval.status) — agent \(approval.agentID) asks \(approval.action) under \(approval.policyID)"
        )
    }
}

struct VerifyCommand: Command {
    static let words = ["verify"]
    static let abstract = "Verify the signature of a request an agent sent you (consumes its nonce)."
    static let usage = """
        clawb verify --agent AGENT_ID --method METHOD --path PATH --timestamp MS --nonce NONCE \\
            --signature B64 (--body-sha256 HEX | --body-file FILE) [--json]
        """

    let fields: SignedRequestFields
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        let agentID = try arguments.requiredOption("--agent")
        let method = try arguments.requiredOption("--method")
        let path = try arguments.requiredOption("--path")
        guard let timestamp = Int64(try arguments.requiredOption("--timestamp")) else {
            throw UsageError("--timestamp is unix milliseconds.")
        }
        let nonce = try arguments.requiredOption("--nonce")
        let signature = try arguments.requiredOption("--signature")
        let digest: String
        switch (try arguments.option("--body-sha256"), try arguments.option("--body-file")) {
        case (let hex?, nil): digest = hex
        case (nil, let file?):
            guard let body = FileManager.default.contents(atPath: file) else {
                throw UsageError("cannot read \(file).")
            }
            digest = SHA256.hexDigest(Array(body))
        default: throw UsageError("give exactly one of --body-sha256 and --body-file.")
        }
        fields = SignedRequestFields(
            agentID: agentID, method: method, path: path, timestampMs: .integer(timestamp), nonce: nonce,
            bodySHA256: digest, signatureB64: signature)
        json = arguments.flag("--json")
    }

    func run(environment: CLIEnvironment) async throws {
        let response = try await environment.workspaceClient().verify(fields)
        if json { return Output.json(response) }
        if response.valid {
            Output.line(
                "valid: \(response.agentID ?? "") (\(response.verificationTier ?? "?"), risk \(response.riskTier ?? "?"))"
            )
        } else {
            Output.line("invalid: \(response.reason ?? "unknown")")
            throw CLIError("the signature was not accepted.")
        }
    }
}

/// Encodes any Encodable value (for printing one of two shapes).
struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
