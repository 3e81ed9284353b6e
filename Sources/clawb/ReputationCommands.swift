import ClawbClient
import ClawbWire
import Foundation

struct FeedbackSendCommand: Command {
    static let words = ["feedback", "send"]
    static let abstract = "Send signed reputation feedback about an agent your workspace maps."
    static let usage = "clawb feedback send --agent AGENT_ID --verdict good|bad|neutral [--evidence JSON] [--json]"

    let agentID: String
    let verdict: String
    let evidence: String?
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        agentID = try arguments.requiredOption("--agent")
        verdict = try arguments.requiredOption("--verdict")
        evidence = try arguments.option("--evidence")
        if let evidence {
            guard (try? JSONSerialization.jsonObject(with: Data(evidence.utf8))) is [String: Any] else {
                throw UsageError("--evidence must be a JSON object, e.g. '{\"reason\":\"abuse\"}'.")
            }
        }
        json = arguments.flag("--json")
    }

    func run(environment: CLIEnvironment) async throws {
        let response = try await environment.workspaceClient().sendFeedback(
            agentID: agentID, verdict: verdict,
            evidenceJSON: evidence)
        if json { return Output.json(response) }
        Output.line("accepted \(response.feedbackID) at \(response.receivedAt)")
    }
}

struct ReputationShowCommand: Command {
    static let words = ["reputation", "show"]
    static let abstract = "Show an agent's reputation (score, band, risk tier, signals)."
    static let usage = "clawb reputation show AGENT_ID [--json]"

    let agentID: String
    let json: Bool

    init(arguments: inout ArgumentReader) throws {
        json = arguments.flag("--json")
        agentID = try arguments.requiredPositional("AGENT_ID")
    }

    func run(environment: CLIEnvironment) async throws {
        let response = try await environment.workspaceClient().reputation(agentID: agentID)
        if json { return Output.json(response) }
        let body = response.reputation
        let signals = body.signalsSummary
        Output.table(
            ["AGENT", "SCORE", "BAND", "RISK", "VERIFICATION", "GOOD/BAD/NEUTRAL (30 d)", "WORKSPACES"],
            [
                [
                    body.agentID, String(format: "%.4f", body.score), body.reputationBand, body.riskTier,
                    body.verificationTier,
                    "\(signals.feedbackGood)/\(signals.feedbackBad)/\(signals.feedbackNeutral)",
                    String(signals.workspacesReporting),
                ]
            ])
    }
}
