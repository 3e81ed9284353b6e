import ClawbCore
import ClawbHTTP

/// The server's metric families (docs/operations.md lists them). Labels take values from
/// closed sets only — route patterns, methods, status codes, token types, decisions, error
/// codes — never ids, so cardinality stays bounded.
public enum ServerMetrics {
    public static let requests = "clawb_http_requests_total"
    public static let requestSeconds = "clawb_http_request_duration_seconds"
    public static let openConnections = "clawb_http_open_connections"
    public static let commitSeconds = "clawb_storage_commit_duration_seconds"
    public static let sqliteMemory = "clawb_sqlite_memory_bytes"
    public static let allocatorInUse = "clawb_malloc_in_use_bytes"
    public static let allocatorFree = "clawb_malloc_free_bytes"
    public static let commitGroupSize = "clawb_storage_commit_group_size"
    public static let credentialsMinted = "clawb_credentials_minted_total"
    public static let mintRefusals = "clawb_credential_mint_refusals_total"
    public static let introspections = "clawb_introspections_total"
    public static let revocations = "clawb_revocations_total"
    public static let feedbackAccepted = "clawb_feedback_accepted_total"
    public static let feedbackRejected = "clawb_feedback_rejected_total"
    public static let policyDecisions = "clawb_policy_decisions_total"
    public static let verifications = "clawb_verifications_total"
    public static let tokenExchanges = "clawb_token_exchanges_total"

    static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]

    public static func make() -> MetricsRegistry {
        let registry = MetricsRegistry()
        registry.declare(
            requests, .counter, help: "HTTP requests by route pattern, method and status.",
            labels: ["route", "method", "status"])
        registry.declare(requestSeconds, .histogram, help: "HTTP request latency in seconds.", labels: ["route"])
        registry.declare(commitSeconds, .histogram, help: "Duration of each storage group commit in seconds.")
        registry.declare(
            commitGroupSize, .histogram, help: "Write transactions committed together per group commit.",
            buckets: [1, 2, 4, 8, 16, 32, 64, 128])
        registry.declare(
            credentialsMinted, .counter, help: "Credentials minted, by token type.", labels: ["token_type"])
        registry.declare(mintRefusals, .counter, help: "Mint requests refused, by error code.", labels: ["code"])
        registry.declare(
            introspections, .counter, help: "Introspections, by answer (active or inactive).", labels: ["result"])
        registry.declare(
            revocations, .counter, help: "Revocation calls, by kind (credential, agent, all).", labels: ["kind"])
        registry.declare(
            feedbackAccepted, .counter, help: "Reputation feedback accepted, by verdict.", labels: ["verdict"])
        registry.declare(
            feedbackRejected, .counter, help: "Reputation feedback refused, by error code.", labels: ["code"])
        registry.declare(
            policyDecisions, .counter, help: "Policy decisions answered by /v1/check, by decision.",
            labels: ["decision"])
        registry.declare(verifications, .counter, help: "/v1/verify answers, by result or reason.", labels: ["result"])
        registry.declare(
            tokenExchanges, .counter, help: "Token exchanges, by outcome or error code.", labels: ["outcome"])
        return registry
    }

    /// Runs `body`; a domain refusal is counted in `family` under its error code, then rethrown.
    static func countingRefusals<T>(_ registry: MetricsRegistry, _ family: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DomainError {
            registry.increment(family, [error.code.rawValue])
            throw error
        }
    }

    /// The access-log hook of `HTTPApplication`.
    public static func observer(_ registry: MetricsRegistry) -> @Sendable (String, String, Int, Double) -> Void {
        { route, method, status, seconds in
            registry.increment(requests, [route, knownMethods.contains(method) ? method : "other", String(status)])
            registry.observe(requestSeconds, [route], seconds)
        }
    }
}
