import ClawbCore
import ClawbHTTP

/// The domain use cases the HTTP API calls. Built by the composition root (`ClawbApp`).
public struct APIServices: Sendable {
    public let storage: any Storage
    public let workspaces: WorkspaceDirectory
    public let apiKeys: APIKeyAuthenticator
    public let operators: OperatorAuthenticator
    public let clock: any Clock
    public let agents: AgentRegistry
    public let mappings: AgentMappingDirectory
    public let signedRequests: SignedRequestVerifier
    public let cursors: CursorCodec
    public let audit: AuditTrail
    public let reputation: ReputationLedger
    public let keyring: IssuerKeyring
    public let credentials: CredentialIssuer
    public let killSwitch: KillSwitchBoard
    /// Introspection is unauthenticated: limited per client address instead.
    public let introspections: RateLimiter
    /// The API root as clients reach it (JWT `iss`, JWKS URL).
    public let publicURL: String
    public let policies: PolicyBook
    public let checker: PolicyChecker
    public let verification: RequestVerification
    public let heartbeats: HeartbeatLog
    public let metrics: MetricsRegistry

    public init(
        storage: any Storage, clock: any Clock, workspaces: WorkspaceDirectory, apiKeys: APIKeyAuthenticator,
        operators: OperatorAuthenticator, agents: AgentRegistry, mappings: AgentMappingDirectory,
        signedRequests: SignedRequestVerifier, cursors: CursorCodec, audit: AuditTrail, reputation: ReputationLedger,
        keyring: IssuerKeyring, publicURL: String, credentials: CredentialIssuer, killSwitch: KillSwitchBoard,
        introspections: RateLimiter, policies: PolicyBook, checker: PolicyChecker, verification: RequestVerification,
        heartbeats: HeartbeatLog, metrics: MetricsRegistry
    ) {
        self.metrics = metrics
        self.policies = policies
        self.checker = checker
        self.verification = verification
        self.heartbeats = heartbeats
        self.keyring = keyring
        self.credentials = credentials
        self.killSwitch = killSwitch
        self.introspections = introspections
        self.publicURL = publicURL
        self.reputation = reputation
        self.audit = audit
        self.storage = storage
        self.clock = clock
        self.agents = agents
        self.mappings = mappings
        self.signedRequests = signedRequests
        self.cursors = cursors
        self.workspaces = workspaces
        self.apiKeys = apiKeys
        self.operators = operators
    }
}

/// Where routes are mounted: every route lives under `/api` (API.md §1).
public enum APIMount {
    public static let prefix = "/api"
}
