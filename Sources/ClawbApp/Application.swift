import ClawbAPI
import ClawbCore
import ClawbHTTP
import ClawbSQLite
import Foundation

/// The assembled application: the responder that serves every request, and what it runs on.
/// `clawbd` and the tests build it with the same function, `buildApplication`.
public struct Application: Sendable {
    /// What the HTTP server calls; tests call it in memory.
    public let handler: HTTPApplication
    public let router: Router
    public let storage: SQLiteStorage
    public let services: APIServices
    public let configuration: Configuration
    /// Where the operator token came from; never the token itself.
    public let adminTokenSource: AdminTokenSource
    /// True when this start created the database (first run of a data directory).
    public let createdDatabase: Bool
}

/// Builds the application: data directory, storage (with migrations), the operator token,
/// domain services and the router. Throws `ConfigurationError` for problems an operator must fix.
public func buildApplication(
    configuration: Configuration, clock: any Clock = SystemClock(),
    logSink: any LogSink = StandardErrorSink.shared
) throws -> Application {
    let logger = Logger(level: configuration.logLevel, sink: logSink)
    try DataDirectory.prepare(configuration.storage.dataDirectory)
    let createdDatabase = !FileManager.default.fileExists(atPath: configuration.databasePath)

    let metrics = ServerMetrics.make()
    metrics.gauge(
        ServerMetrics.sqliteMemory, help: "Bytes SQLite holds (page caches, prepared statements, schema)."
    ) { Double(SQLiteStorage.memoryUsedBytes) }
    metrics.gauge(ServerMetrics.allocatorInUse, help: "Bytes the C allocator has handed out and not had back.") {
        Double(AllocatorMemory.read().inUseBytes)
    }
    metrics.gauge(
        ServerMetrics.allocatorFree, help: "Bytes freed by the program that the C allocator still holds (not returned)."
    ) { Double(AllocatorMemory.read().freeBytes) }
    var storageOptions = SQLiteStorage.Options()
    storageOptions.durability = configuration.storage.durability
    storageOptions.readerConnections = max(4, configuration.http.server.threads)
    let storage: SQLiteStorage
    do {
        storage = try SQLiteStorage(
            path: configuration.databasePath, options: storageOptions,
            onCommit: { size, seconds in
                metrics.observe(ServerMetrics.commitSeconds, [], seconds)
                metrics.observe(ServerMetrics.commitGroupSize, [], Double(size))
            })
    } catch {
        throw ConfigurationError(message: "Cannot open the database at \(configuration.databasePath): \(error).")
    }

    let adminToken = try AdminTokenSource.resolve(configuration: configuration, logger: logger)
    let keyring: IssuerKeyring
    do {
        keyring = try IssuerKeyring(
            storage: storage, clock: clock,
            masterKey: try MasterKeySource.resolve(configuration: configuration, logger: logger),
            maxTokenLifetimeSeconds: configuration.limits.maxTokenLifetimeSeconds)
    } catch IssuerKeyring.KeyringError.masterKeyMismatch {
        throw ConfigurationError(
            message:
                "The master key does not open the stored signing keys: CLAWB_MASTER_KEY or <data dir>/master.key is not the one they were sealed with."
        )
    }
    let audit = AuditLog(clock: clock)
    let cursors = CursorCodec(key: try ServerSecrets.loadOrCreate(CursorCodec.secretName, in: storage))
    let reputation = ReputationLedger(
        storage: storage, clock: clock, audit: audit,
        submissionsPerMinutePerWorkspace: configuration.limits.feedbackPerMinutePerWorkspace)
    let policies = PolicyBook(storage: storage, clock: clock, audit: audit, reputation: reputation)
    let signedRequests = SignedRequestVerifier(storage: storage, clock: clock, mountPrefix: APIMount.prefix)
    let services = APIServices(
        storage: storage, clock: clock,
        workspaces: WorkspaceDirectory(storage: storage, clock: clock, audit: audit),
        apiKeys: APIKeyAuthenticator(storage: storage, clock: clock, audit: audit),
        operators: OperatorAuthenticator(token: adminToken.token),
        agents: AgentRegistry(
            storage: storage, clock: clock, audit: audit,
            registrationsPerMinutePerAddress: configuration.limits.registrationsPerMinutePerAddress, cursors: cursors),
        mappings: AgentMappingDirectory(storage: storage, clock: clock, audit: audit, cursors: cursors),
        signedRequests: signedRequests,
        cursors: cursors,
        audit: AuditTrail(storage: storage, clock: clock, cursors: cursors),
        reputation: reputation,
        keyring: keyring,
        publicURL: configuration.effectivePublicURL,
        credentials: CredentialIssuer(
            storage: storage, clock: clock, audit: audit, keyring: keyring, policy: policies,
            issuer: configuration.effectivePublicURL, maxTTLSeconds: configuration.limits.maxTokenLifetimeSeconds,
            mintsPerMinutePerWorkspace: configuration.limits.mintsPerMinutePerWorkspace),
        killSwitch: KillSwitchBoard(storage: storage, clock: clock, audit: audit),
        introspections: RateLimiter(perMinute: configuration.limits.introspectionsPerMinutePerAddress, clock: clock),
        policies: policies,
        checker: PolicyChecker(
            storage: storage, clock: clock, audit: audit, policies: policies,
            publicURL: configuration.effectivePublicURL),
        verification: RequestVerification(
            verifier: signedRequests, storage: storage, clock: clock, audit: audit, reputation: reputation,
            verificationsPerMinutePerWorkspace: configuration.limits.verificationsPerMinutePerWorkspace),
        heartbeats: HeartbeatLog(verifier: signedRequests, storage: storage, clock: clock),
        metrics: metrics
    )
    let router = APIRouter.make(services: services)
    let handler = HTTPApplication(
        responder: router, logger: logger, maxBodyBytes: configuration.http.server.maxBodyBytes,
        makeRequestID: { "req_" + ULID.make(at: clock.now()) },
        renderError: APIRouter.renderError, observe: ServerMetrics.observer(metrics)
    )
    return Application(
        handler: handler, router: router, storage: storage, services: services,
        configuration: configuration, adminTokenSource: adminToken.source, createdDatabase: createdDatabase)
}
