import ClawbAPI
import ClawbHTTP
import ClawbHTTPServer
import ClawbSQLite
import Foundation

/// Everything `clawbd` can be told, with documented defaults. Built from `CLAWB_*` environment
/// variables, then `--flag value` arguments (flags win), and validated once at start-up.
/// `docs/configuration.md` lists every setting.
public struct Configuration: Sendable {
    public struct HTTP: Sendable {
        /// `CLAWB_LISTEN` / `--listen`: `host:port`, default `127.0.0.1:8080`.
        public var server = HTTPServerConfiguration()
    }

    public struct Storage: Sendable {
        /// `CLAWB_DATA_DIR` / `--data-dir`, default `./data`: the SQLite database, the generated
        /// admin token.
        public var dataDirectory = "./data"
        /// `CLAWB_DATABASE_URL` / `--database-url`: only `sqlite:` (or empty) until the PostgreSQL
        /// backend lands.
        public var databaseURL: String?
        /// `CLAWB_SQLITE_SYNCHRONOUS` / `--sqlite-synchronous`: `full` (default) or `normal`.
        public var durability: SQLiteStorage.Durability = .full
    }

    public struct Security: Sendable {
        /// `CLAWB_ADMIN_TOKEN` / `--admin-token`; when unset, generated into
        /// `<data dir>/admin-token` (mode 0600) on first start.
        public var adminToken: String?
        /// `CLAWB_MASTER_KEY` / `--master-key`: standard base64 of 32 bytes sealing the issuer
        /// keys at rest; when unset, generated into `<data dir>/master.key` (mode 0600).
        public var masterKey: [UInt8]?
    }

    public struct Limits: Sendable {
        /// `CLAWB_REGISTER_RATE_PER_MINUTE` / `--register-rate-per-minute`: agent registrations
        /// per client address per minute (also the burst), default 30.
        public var registrationsPerMinutePerAddress = 30
        /// `CLAWB_AUDIT_RETENTION_DAYS` / `--audit-retention-days`: audit events older than
        /// this are pruned (the chain stays verifiable from an anchor). Nil (default): forever.
        public var auditRetentionDays: Int?
        /// `CLAWB_FEEDBACK_RATE_PER_MINUTE` / `--feedback-rate-per-minute`: reputation feedback
        /// requests per workspace per minute (also the burst), default 6000.
        public var feedbackPerMinutePerWorkspace = 6000
        /// `CLAWB_MAX_TTL_SECONDS` / `--max-ttl-seconds`: the longest lifetime of a token this
        /// server issues (default 3600, at most 43200); a rotated signing key stays published
        /// this long.
        public var maxTokenLifetimeSeconds: Int64 = 3600
        /// `CLAWB_MINT_RATE_PER_MINUTE` / `--mint-rate-per-minute`: credentials minted per
        /// workspace per minute (also the burst), default 60000.
        public var mintsPerMinutePerWorkspace = 60_000
        /// `CLAWB_INTROSPECT_RATE_PER_MINUTE` / `--introspect-rate-per-minute`: introspections
        /// per client address per minute (also the burst), default 120000.
        public var introspectionsPerMinutePerAddress = 120_000
        /// `CLAWB_VERIFY_RATE_PER_MINUTE` / `--verify-rate-per-minute`: `/v1/verify` calls per
        /// workspace per minute (also the burst), default 600000.
        public var verificationsPerMinutePerWorkspace = 600_000
    }

    public var http = HTTP()
    public var limits = Limits()
    public var storage = Storage()
    public var security = Security()
    /// `CLAWB_PUBLIC_URL` / `--public-url`: how clients reach the API root (JWT `iss`, links).
    /// Default: `http://<listen address>/api`.
    public var publicURL: String?
    /// `CLAWB_LOG_LEVEL` / `--log-level`: debug, info (default), warning, error.
    public var logLevel: Logger.Level = .info
    /// `CLAWB_BOOTSTRAP` / `--bootstrap`: on a new data directory, create a first test
    /// workspace and print how to use it (default true).
    public var bootstrapFirstWorkspace = true

    public init() {}

    /// The public URL of the API root, derived from the listen address when not configured.
    public var effectivePublicURL: String {
        publicURL ?? "http://\(http.server.host):\(http.server.port)\(APIMount.prefix)"
    }

    /// The database file inside the data directory.
    public var databasePath: String { storage.dataDirectory + "/clawb.sqlite3" }

    /// Reads the environment, then the arguments. Throws `ConfigurationError` with one sentence
    /// naming the setting at fault.
    public static func load(environment: [String: String], arguments: [String]) throws -> Configuration {
        var settings: [String: String] = [:]
        for (name, variable) in Self.variables {
            if let value = environment[variable] { settings[name] = value }
        }
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--help" || argument == "-h" { throw ConfigurationError.helpRequested }
            guard argument.hasPrefix("--") else {
                throw ConfigurationError(message: "Unexpected argument '\(argument)'; see clawbd --help.")
            }
            var name = String(argument.dropFirst(2))
            var value: String
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            } else {
                guard let next = remaining.popFirst() else {
                    throw ConfigurationError(message: "Flag --\(name) needs a value.")
                }
                value = next
            }
            guard Self.variables[name] != nil else {
                throw ConfigurationError(message: "Unknown flag --\(name); see clawbd --help.")
            }
            settings[name] = value
        }
        var configuration = Configuration()
        try configuration.apply(settings)
        return configuration
    }

    /// Flag name → environment variable.
    static let variables: [String: String] = [
        "listen": "CLAWB_LISTEN",
        "data-dir": "CLAWB_DATA_DIR",
        "database-url": "CLAWB_DATABASE_URL",
        "sqlite-synchronous": "CLAWB_SQLITE_SYNCHRONOUS",
        "public-url": "CLAWB_PUBLIC_URL",
        "admin-token": "CLAWB_ADMIN_TOKEN",
        "log-level": "CLAWB_LOG_LEVEL",
        "http-threads": "CLAWB_HTTP_THREADS",
        "blocking-threads": "CLAWB_BLOCKING_THREADS",
        "max-body-bytes": "CLAWB_MAX_BODY_BYTES",
        "connection-limit": "CLAWB_CONNECTION_LIMIT",
        "per-address-connection-limit": "CLAWB_PER_ADDRESS_CONNECTION_LIMIT",
        "connection-timeout": "CLAWB_CONNECTION_TIMEOUT_SECONDS",
        "shutdown-grace": "CLAWB_SHUTDOWN_GRACE_SECONDS",
        "bootstrap": "CLAWB_BOOTSTRAP",
        "register-rate-per-minute": "CLAWB_REGISTER_RATE_PER_MINUTE",
        "audit-retention-days": "CLAWB_AUDIT_RETENTION_DAYS",
        "feedback-rate-per-minute": "CLAWB_FEEDBACK_RATE_PER_MINUTE",
        "master-key": "CLAWB_MASTER_KEY",
        "max-ttl-seconds": "CLAWB_MAX_TTL_SECONDS",
        "mint-rate-per-minute": "CLAWB_MINT_RATE_PER_MINUTE",
        "introspect-rate-per-minute": "CLAWB_INTROSPECT_RATE_PER_MINUTE",
        "verify-rate-per-minute": "CLAWB_VERIFY_RATE_PER_MINUTE",
    ]

    public static let usage = """
        usage: clawbd [--flag value ...]

        Every flag can also be set by its environment variable; flags win.
        """ + "\n"
        + variables.sorted { $0.key < $1.key }.map {
            "  --\($0.key.padding(toLength: 30, withPad: " ", startingAt: 0)) \($0.value)"
        }
        .joined(separator: "\n") + "\n\nSee docs/configuration.md for defaults and limits.\n"

    mutating func apply(_ settings: [String: String]) throws {
        if let listen = settings["listen"] {
            guard let colon = listen.lastIndex(of: ":"), let port = UInt16(listen[listen.index(after: colon)...]),
                !listen[..<colon].isEmpty
            else {
                throw ConfigurationError(
                    message: "CLAWB_LISTEN must be host:port (e.g. 127.0.0.1:8080), got '\(listen)'.")
            }
            http.server.host = String(listen[..<colon])
            http.server.port = port
        }
        if let directory = settings["data-dir"] {
            guard !directory.isEmpty else { throw ConfigurationError(message: "CLAWB_DATA_DIR must not be empty.") }
            storage.dataDirectory = directory
        }
        if let url = settings["database-url"], !url.isEmpty {
            guard url.hasPrefix("sqlite:") else {
                throw ConfigurationError(
                    message:
                        "CLAWB_DATABASE_URL: only sqlite: is supported by this build; PostgreSQL support is not available yet."
                )
            }
            storage.databaseURL = url
        }
        if let durability = settings["sqlite-synchronous"] {
            guard let parsed = SQLiteStorage.Durability(rawValue: durability.lowercased()) else {
                throw ConfigurationError(
                    message: "CLAWB_SQLITE_SYNCHRONOUS must be full or normal, got '\(durability)'.")
            }
            storage.durability = parsed
        }
        if let url = settings["public-url"] {
            guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme),
                parsed.host != nil
            else {
                throw ConfigurationError(message: "CLAWB_PUBLIC_URL must be an http(s) URL, got '\(url)'.")
            }
            publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if let token = settings["admin-token"] {
            guard token.count >= 24, token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw ConfigurationError(message: "CLAWB_ADMIN_TOKEN must be at least 24 visible ASCII characters.")
            }
            security.adminToken = token
        }
        if let text = settings["master-key"] {
            guard let key = Data(base64Encoded: text).map(Array.init), key.count == 32 else {
                throw ConfigurationError(message: "CLAWB_MASTER_KEY must be the standard base64 of 32 bytes.")
            }
            security.masterKey = key
        }
        limits.maxTokenLifetimeSeconds = Int64(
            try Self.integer(settings, "max-ttl-seconds", range: 60...43_200) ?? Int(limits.maxTokenLifetimeSeconds))
        limits.mintsPerMinutePerWorkspace =
            try Self.integer(settings, "mint-rate-per-minute", range: 1...10_000_000)
            ?? limits.mintsPerMinutePerWorkspace
        limits.introspectionsPerMinutePerAddress =
            try Self.integer(settings, "introspect-rate-per-minute", range: 1...100_000_000)
            ?? limits.introspectionsPerMinutePerAddress
        limits.verificationsPerMinutePerWorkspace =
            try Self.integer(settings, "verify-rate-per-minute", range: 1...100_000_000)
            ?? limits.verificationsPerMinutePerWorkspace
        if let level = settings["log-level"] {
            guard let parsed = Logger.Level(name: level) else {
                throw ConfigurationError(
                    message: "CLAWB_LOG_LEVEL must be debug, info, warning or error, got '\(level)'.")
            }
            logLevel = parsed
        }
        http.server.threads =
            try Self.integer(settings, "http-threads", range: 1...256) ?? ProcessInfo.processInfo.activeProcessorCount
        http.server.blockingThreads =
            try Self.integer(settings, "blocking-threads", range: 0...1024) ?? http.server.blockingThreads
        http.server.maxBodyBytes =
            try Self.integer(settings, "max-body-bytes", range: 1024...(16 * 1024 * 1024)) ?? http.server.maxBodyBytes
        http.server.connectionLimit =
            try Self.integer(settings, "connection-limit", range: 1...100_000) ?? http.server.connectionLimit
        http.server.perAddressConnectionLimit =
            try Self.integer(settings, "per-address-connection-limit", range: 0...100_000)
            ?? http.server.perAddressConnectionLimit
        http.server.connectionTimeoutSeconds =
            try Self.integer(settings, "connection-timeout", range: 1...3600)
            ?? http.server.connectionTimeoutSeconds
        http.server.shutdownGraceSeconds = Double(
            try Self.integer(settings, "shutdown-grace", range: 0...300)
                ?? Int(http.server.shutdownGraceSeconds))
        limits.registrationsPerMinutePerAddress =
            try Self.integer(settings, "register-rate-per-minute", range: 1...100_000)
            ?? limits.registrationsPerMinutePerAddress
        limits.auditRetentionDays =
            try Self.integer(settings, "audit-retention-days", range: 1...36_500)
            ?? limits.auditRetentionDays
        limits.feedbackPerMinutePerWorkspace =
            try Self.integer(settings, "feedback-rate-per-minute", range: 1...10_000_000)
            ?? limits.feedbackPerMinutePerWorkspace
        if let bootstrap = settings["bootstrap"] {
            guard let parsed = ["true": true, "1": true, "false": false, "0": false][bootstrap.lowercased()] else {
                throw ConfigurationError(message: "CLAWB_BOOTSTRAP must be true or false, got '\(bootstrap)'.")
            }
            bootstrapFirstWorkspace = parsed
        }
    }

    private static func integer(_ settings: [String: String], _ name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let text = settings[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(
                message:
                    "\(variables[name]!) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'."
            )
        }
        return value
    }
}

/// A configuration problem, said in one sentence.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    /// `--help` was asked for: print usage and exit 0.
    public static let helpRequested = ConfigurationError(message: "help")
}
