import ClawbCore
import ClawbSQLite
import ClawbTesting
import Foundation
import Synchronization
import Testing

/// `kill -9` of the real clawbd while it mints and revokes credentials.
@Suite("clawbd: credentials across a crash", .serialized)
struct CredentialCrashTests {
    static let adminToken = "cred-crash-admin-token-0123456789abcdef"

    final class Ledger: Sendable {
        let minted = Mutex<[(credID: String, token: String)]>([])
        let revoked = Mutex<Set<String>>([])
        /// Revocations sent whose answer was not seen: the kill may have come before or after
        /// their commit, so either state is correct for them.
        let attempted = Mutex<Set<String>>([])
        let stop = Atomic<Bool>(false)
    }

    @Test(
        "kill -9 under a minting load: every acknowledged credential survives with its event; nothing revoked comes back"
    )
    func killNine() throws {
        let directory = try TemporaryDirectory.make()
        let server = try ClawbdProcess(dataDirectory: directory, adminToken: Self.adminToken)
        let client = LiveClient(port: server.port)
        let setup = try client.bootstrap(adminToken: Self.adminToken)
        let ledger = Ledger()
        let group = DispatchGroup()
        for worker in 0..<6 {
            group.enter()
            Thread {
                var count = 0
                while !ledger.stop.load(ordering: .relaxed) {
                    count += 1
                    let type = count % 2 == 0 ? "jwt" : "opaque"
                    guard
                        let minted = try? client.send(
                            "POST", "/api/v1/identity/credentials/mint",
                            headers: [("X-Clawb-Api-Key", setup.key)],
                            json: #"{"agent_id":"\#(setup.agentID)","token_type":"\#(type)","ttl_seconds":3600}"#)
                    else { break }
                    if minted.status == 201, let credential = minted.json["credential"] as? [String: Any],
                        let id = credential["cred_id"] as? String, let token = credential["token"] as? String
                    {
                        ledger.minted.withLock { $0.append((id, token)) }
                        // Every fifth credential is revoked; only acknowledged revocations are recorded.
                        if (count + worker) % 5 == 0 { ledger.attempted.withLock { _ = $0.insert(id) } }
                        if (count + worker) % 5 == 0,
                            let revoke = try? client.send(
                                "POST", "/api/v1/identity/credentials/revoke",
                                headers: [("X-Clawb-Api-Key", setup.key)], json: #"{"cred_id":"\#(id)"}"#),
                            revoke.status == 200, revoke.json["revoked"] as? Int == 1
                        {
                            ledger.revoked.withLock { _ = $0.insert(id) }
                        }
                    }
                }
                group.leave()
            }.start()
        }
        let deadline = Date().addingTimeInterval(15)
        while ledger.minted.withLock({ $0.count }) < 300, Date() < deadline { usleep(10_000) }
        server.kill9()
        ledger.stop.store(true, ordering: .relaxed)
        _ = group.wait(timeout: .now() + 15)
        let minted = ledger.minted.withLock { $0 }
        let revoked = ledger.revoked.withLock { $0 }
        let uncertain = ledger.attempted.withLock { $0 }.subtracting(revoked)
        #expect(minted.count >= 300 && !revoked.isEmpty, "\(minted.count) minted, \(revoked.count) revoked")

        let restarted = try ClawbdProcess(dataDirectory: directory, adminToken: Self.adminToken)
        let after = LiveClient(port: restarted.port)
        var wrong: [String] = []
        for (id, token) in minted {
            let active =
                try after.send("POST", "/api/v1/identity/introspect", json: #"{"token":"\#(token)"}"#).json["active"]
                as? Bool
            if uncertain.contains(id) { continue }
            if active != !revoked.contains(id) { wrong.append(id) }
        }
        #expect(restarted.terminate() == 0)
        #expect(wrong.isEmpty, "wrong state after restart: \(wrong.prefix(5))")

        let storage = try SQLiteStorage(path: directory + "/clawb.sqlite3")
        defer { storage.close() }
        let workspace = try #require(WorkspaceID(setup.workspaceID))
        let events = try storage.read { try $0.auditEvents(workspace: workspace, afterSequence: 0, limit: 100_000) }
        let mintedEvents = Set(
            events.filter { $0.eventType == .credentialMinted }.compactMap {
                if case .string(let id)? = $0.metadata["cred_id"] { id } else { nil }
            })
        let revokedEvents = Set(
            events.filter { $0.eventType == .credentialRevoked }.compactMap {
                if case .string(let id)? = $0.metadata["cred_id"] { id } else { nil }
            })
        #expect(minted.allSatisfy { mintedEvents.contains($0.credID) })
        #expect(revoked.isSubset(of: revokedEvents))
        #expect(try AuditLog(clock: SystemClock()).verify(workspace: workspace, storage: storage).isIntact)
    }
}
