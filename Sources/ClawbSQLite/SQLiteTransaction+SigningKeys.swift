import ClawbCore

/// The SQL of issuer signing keys.
extension SQLiteTransaction {
    func signingKeys() throws -> [SigningKeyRecord] {
        try connection.statement(
            """
            SELECT id, public_key, sealed_seed, created_at, retired_at, publish_until FROM signing_keys ORDER BY created_at, rowid
            """
        )
        .bind([])
        .rows {
            SigningKeyRecord(
                id: SigningKeyID(uncheckedRawValue: $0.text(0)), publicKey: $0.blob(1), sealedSeed: $0.blob(2),
                createdAt: Timestamp(milliseconds: $0.int64(3)),
                retiredAt: $0.optionalInt64(4).map(Timestamp.init(milliseconds:)),
                publishUntil: $0.optionalInt64(5).map(Timestamp.init(milliseconds:)))
        }
    }

    func insert(_ key: SigningKeyRecord) throws {
        try connection.statement(
            """
            INSERT INTO signing_keys (id, public_key, sealed_seed, created_at, retired_at, publish_until)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """
        )
        .bind([
            .text(key.id.rawValue), .blob(key.publicKey), .blob(key.sealedSeed), .integer(key.createdAt.milliseconds),
            .optional(key.retiredAt), .optional(key.publishUntil),
        ]).run()
    }

    func retireSigningKey(id: SigningKeyID, at time: Timestamp, publishUntil: Timestamp) throws {
        try connection.statement(
            "UPDATE signing_keys SET retired_at = ?2, publish_until = ?3 WHERE id = ?1 AND retired_at IS NULL"
        )
        .bind([.text(id.rawValue), .integer(time.milliseconds), .integer(publishUntil.milliseconds)]).run()
    }
}
