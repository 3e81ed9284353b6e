import ClawbCore
import ClawbCrypto

/// Secrets the server makes for itself on first start and keeps in the database (the cursor
/// signing key). They are never logged or returned.
enum ServerSecrets {
    static func loadOrCreate(_ name: String, in storage: any Storage) throws -> [UInt8] {
        if let existing = try storage.read({ try $0.serverSecret(named: name) }) { return existing }
        let fresh = SecureRandom.bytes(32)
        return try storage.write { transaction in
            // Another start may have raced us: the first one stored wins.
            if let existing = try transaction.serverSecret(named: name) { return existing }
            try transaction.insertServerSecret(named: name, value: fresh)
            return fresh
        }
    }
}
