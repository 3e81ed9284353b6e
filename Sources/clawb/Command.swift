import ClawbClient

/// One CLI command: its words (`admin workspace create`), a one-line abstract, its usage, a
/// parser that consumes its arguments, and `run`.
protocol Command {
    static var words: [String] { get }
    static var abstract: String { get }
    static var usage: String { get }
    init(arguments: inout ArgumentReader) throws
    func run(environment: CLIEnvironment) async throws
}

/// Every command, in the order help lists them.
enum Commands {
    static var all: [any Command.Type] {
        [
            WorkspaceCreateCommand.self, WorkspaceListCommand.self,
            KeyCreateCommand.self, KeyListCommand.self, KeyRevokeCommand.self, KeyRotateCommand.self,
            AgentKeygenCommand.self, AgentBootstrapCommand.self,
            AgentsMapCommand.self, AgentsListCommand.self, AgentsShowCommand.self,
            AuditEventsCommand.self, AuditExportCommand.self, AuditVerifyCommand.self,
            FeedbackSendCommand.self, ReputationShowCommand.self,
            CredentialsMintCommand.self, CredentialsIntrospectCommand.self, CredentialsRevokeCommand.self,
            CredentialsRevokeAgentCommand.self, KillSwitchCommand.self, SigningKeyRotateCommand.self,
            PoliciesListCommand.self, PoliciesGetCommand.self, PoliciesPutCommand.self, CheckCommand.self,
            ApprovalsCommand.self, VerifyCommand.self,
        ]
    }

    /// The command whose words start `arguments`, and the arguments after them.
    static func find(_ arguments: [String]) -> (any Command.Type, [String])? {
        all.map { ($0, $0.words) }
            .filter { Array(arguments.prefix($0.1.count)) == $0.1 }
            .max { $0.1.count < $1.1.count }
            .map { ($0.0, Array(arguments.dropFirst($0.1.count))) }
    }

    static var help: String {
        """
        usage: clawb <command> [options]

        Commands:
        \(all.map { "  " + ($0.words.joined(separator: " ")).padding(toLength: 26, withPad: " ", startingAt: 0) + $0.abstract }.joined(separator: "\n"))

        Environment:
          CLAWB_BASE_URL         API root (default http://127.0.0.1:8080/api)
          CLAWB_API_KEY          workspace API key (agents, audit, feedback, reputation, policies, check)
          CLAWB_ADMIN_TOKEN      operator token; else the file CLAWB_ADMIN_TOKEN_FILE,
                                 else $CLAWB_DATA_DIR/admin-token (default ./data/admin-token)

        Every command takes --json for machine-readable output.
        """
    }
}
