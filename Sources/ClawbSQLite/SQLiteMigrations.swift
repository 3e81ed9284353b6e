/// The schema, as an ordered list of migrations. Each runs once, in its own transaction, at
/// start-up; `schema_migrations` records which ran. Never edit a migration that has shipped:
/// add a new one.
enum SQLiteMigrations {
    static let all: [(version: Int64, sql: String)] = [
        (
            1,
            """
            CREATE TABLE workspaces (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
                created_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX workspaces_created ON workspaces (created_at, id);

            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces (id),
                secret_hash BLOB NOT NULL UNIQUE,
                display_prefix TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                last_used_at INTEGER,
                revoked_at INTEGER,
                expires_at INTEGER
            ) STRICT;
            CREATE INDEX api_keys_workspace ON api_keys (workspace_id, created_at);

            CREATE TABLE audit_events (
                workspace_id TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                event_id TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL,
                event_type TEXT NOT NULL,
                actor_type TEXT NOT NULL,
                actor_id TEXT,
                request_id TEXT,
                agent_id TEXT,
                action TEXT,
                decision TEXT,
                trace_id TEXT,
                policy_id TEXT,
                metadata TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL,
                PRIMARY KEY (workspace_id, sequence)
            ) STRICT, WITHOUT ROWID;
            """
        ),
        (
            2,
            """
            CREATE TABLE agents (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                public_key BLOB NOT NULL UNIQUE,
                status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'revoked')),
                metadata TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                attested_at INTEGER
            ) STRICT;
            CREATE INDEX agents_pending ON agents (status, created_at);

            CREATE TABLE attestation_challenges (
                id TEXT PRIMARY KEY,
                agent_id TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
                bytes BLOB NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                used_at INTEGER
            ) STRICT;
            CREATE INDEX challenges_expiry ON attestation_challenges (expires_at);
            CREATE INDEX challenges_agent ON attestation_challenges (agent_id);

            CREATE TABLE agent_mappings (
                position INTEGER PRIMARY KEY AUTOINCREMENT,
                workspace_id TEXT NOT NULL REFERENCES workspaces (id),
                external_agent_key TEXT NOT NULL,
                agent_id TEXT NOT NULL REFERENCES agents (id),
                display_name TEXT,
                labels TEXT NOT NULL,
                environment TEXT,
                source TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                UNIQUE (workspace_id, external_agent_key)
            ) STRICT;
            CREATE INDEX mappings_workspace_position ON agent_mappings (workspace_id, position);
            CREATE INDEX mappings_agent ON agent_mappings (agent_id, workspace_id);

            CREATE TABLE agent_nonces (
                agent_id TEXT NOT NULL,
                nonce TEXT NOT NULL,
                seen_at INTEGER NOT NULL,
                PRIMARY KEY (agent_id, nonce)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX nonces_seen ON agent_nonces (seen_at);

            CREATE TABLE operator_events (
                position INTEGER PRIMARY KEY AUTOINCREMENT,
                event_id TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL,
                event_type TEXT NOT NULL,
                agent_id TEXT,
                request_id TEXT,
                metadata TEXT NOT NULL
            ) STRICT;

            CREATE TABLE server_secrets (
                name TEXT PRIMARY KEY,
                value BLOB NOT NULL
            ) STRICT;
            """
        ),
        (
            3,
            """
            -- One index per audit filter, each ending in sequence so a filtered page is an index
            -- range scan in sequence order. Partial where the column is often empty.
            CREATE INDEX audit_time ON audit_events (workspace_id, created_at, sequence);
            CREATE INDEX audit_type ON audit_events (workspace_id, event_type, sequence);
            CREATE INDEX audit_agent ON audit_events (workspace_id, agent_id, sequence) WHERE agent_id IS NOT NULL;
            CREATE INDEX audit_action ON audit_events (workspace_id, action, sequence) WHERE action IS NOT NULL;
            CREATE INDEX audit_decision ON audit_events (workspace_id, decision, sequence) WHERE decision IS NOT NULL;
            CREATE INDEX audit_trace ON audit_events (workspace_id, trace_id, sequence) WHERE trace_id IS NOT NULL;

            CREATE TABLE audit_anchors (
                workspace_id TEXT PRIMARY KEY,
                sequence INTEGER NOT NULL,
                hash TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                pruned_at INTEGER NOT NULL
            ) STRICT;
            """
        ),
        (
            4,
            """
            CREATE TABLE feedback (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces (id),
                agent_id TEXT NOT NULL REFERENCES agents (id),
                key_id TEXT NOT NULL,
                verdict TEXT NOT NULL CHECK (verdict IN ('good', 'bad', 'neutral')),
                evidence TEXT NOT NULL,
                received_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX feedback_agent_time ON feedback (agent_id, received_at);

            CREATE TABLE feedback_nonces (
                workspace_id TEXT NOT NULL,
                nonce TEXT NOT NULL,
                seen_at INTEGER NOT NULL,
                PRIMARY KEY (workspace_id, nonce)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX feedback_nonces_seen ON feedback_nonces (seen_at);
            """
        ),
        (
            5,
            """
            CREATE TABLE signing_keys (
                id TEXT PRIMARY KEY,
                public_key BLOB NOT NULL,
                sealed_seed BLOB NOT NULL,
                created_at INTEGER NOT NULL,
                retired_at INTEGER,
                publish_until INTEGER
            ) STRICT;
            -- At most one active key.
            CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((retired_at IS NULL)) WHERE retired_at IS NULL;
            """
        ),
        (
            6,
            """
            -- serial: never reused (AUTOINCREMENT), compared against revocation watermarks.
            CREATE TABLE credentials (
                serial INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                workspace_id TEXT NOT NULL REFERENCES workspaces (id),
                agent_id TEXT NOT NULL,
                provider TEXT,
                audience TEXT NOT NULL,
                scopes TEXT NOT NULL,
                scope_hash TEXT NOT NULL,
                policy_id TEXT NOT NULL,
                token_type TEXT NOT NULL CHECK (token_type IN ('jwt', 'opaque')),
                one_time INTEGER NOT NULL,
                token_hash BLOB NOT NULL UNIQUE,
                issued_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                revoked_at INTEGER,
                revoke_reason TEXT,
                consumed_at INTEGER
            ) STRICT;
            CREATE INDEX credentials_expiry ON credentials (expires_at);
            CREATE INDEX credentials_agent ON credentials (workspace_id, agent_id, serial);

            CREATE TABLE minting_controls (
                workspace_id TEXT PRIMARY KEY,
                minting_paused INTEGER NOT NULL DEFAULT 0,
                paused_reason TEXT,
                changed_at INTEGER,
                all_revoked_serial INTEGER,
                all_revoked_at INTEGER
            ) STRICT;

            CREATE TABLE agent_revocations (
                workspace_id TEXT NOT NULL,
                agent_id TEXT NOT NULL,
                serial INTEGER NOT NULL,
                revoked_at INTEGER NOT NULL,
                PRIMARY KEY (workspace_id, agent_id)
            ) STRICT, WITHOUT ROWID;
            """
        ),
        (
            7,
            """
            -- Write throughput (docs/benchmarks.md, credentials): audit time ranges are binary
            -- searches over sequence (SQLiteTransaction+AuditQuery), so every append no longer
            -- maintains an index on (workspace_id, created_at).
            DROP INDEX audit_time;
            """
        ),
        (
            8,
            """
            -- Policies: the current version of each; history lives in policy_updated events.
            CREATE TABLE policies (
                workspace_id TEXT NOT NULL REFERENCES workspaces (id),
                policy_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                document TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (workspace_id, policy_id)
            ) STRICT, WITHOUT ROWID;

            CREATE TABLE approvals (
                id TEXT PRIMARY KEY,
                token_hash BLOB NOT NULL UNIQUE,
                workspace_id TEXT NOT NULL,
                agent_id TEXT NOT NULL,
                policy_id TEXT NOT NULL,
                action TEXT NOT NULL,
                context TEXT NOT NULL,
                context_hash TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied')),
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                decided_at INTEGER,
                consumed_at INTEGER
            ) STRICT;
            CREATE INDEX approvals_question ON approvals (workspace_id, agent_id, policy_id, action, context_hash);
            CREATE INDEX approvals_expiry ON approvals (expires_at);

            CREATE TABLE heartbeats (
                position INTEGER PRIMARY KEY,
                agent_id TEXT NOT NULL,
                status TEXT NOT NULL,
                latency_ms INTEGER,
                created_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX heartbeats_agent ON heartbeats (agent_id, position);
            CREATE INDEX heartbeats_time ON heartbeats (created_at);
            """
        ),
    ]

    /// Applies every migration newer than the database's version.
    static func apply(on connection: SQLiteConnection) throws {
        try connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT"
        )
        let current =
            try connection.statement("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
            .bind([]).firstRow { $0.int64(0) } ?? 0
        for migration in all where migration.version > current {
            try connection.execute("BEGIN IMMEDIATE")
            do {
                try connection.execute(migration.sql)
                try connection.statement(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))"
                )
                .bind([.integer(migration.version)]).run()
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    static var latestVersion: Int64 { all.last?.version ?? 0 }
}
