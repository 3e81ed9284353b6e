import ClawbCore
import Testing

@Suite("Identifiers and timestamps")
struct IdentifierAndTimeTests {
    @Test("ULIDs are 26 lowercase Crockford characters and sort by time")
    func ulidShapeAndOrder() {
        let early = ULID.make(at: Timestamp(milliseconds: 1_700_000_000_000))
        let late = ULID.make(at: Timestamp(milliseconds: 1_700_000_000_001))
        #expect(ULID.isValid(early) && ULID.isValid(late))
        #expect(early < late)
        #expect(!ULID.isValid(early.uppercased()))
        #expect(!ULID.isValid("01il0000000000000000000000"))  // i and l are not Crockford
    }

    @Test("the ULID time prefix encodes the milliseconds")
    func ulidTimePrefix() {
        // 0 ms → ten zero characters; 2^48-1 ms → "7zzzzzzzzz".
        #expect(ULID.make(at: Timestamp(milliseconds: 0)).hasPrefix("0000000000"))
        #expect(ULID.make(at: Timestamp(milliseconds: (1 << 48) - 1)).hasPrefix("7zzzzzzzzz"))
    }

    @Test("typed ids parse only their own prefix")
    func typedIDs() {
        let id = WorkspaceID.generate(at: Timestamp(milliseconds: 1_700_000_000_000))
        #expect(WorkspaceID(id.rawValue) == id)
        #expect(APIKeyID(id.rawValue) == nil)
        #expect(WorkspaceID("ws_short") == nil)
        #expect(WorkspaceID("ws_" + String(repeating: "z", count: 26)) == nil)  // first char must be ≤ 7
    }

    @Test(
        "RFC 3339 rendering",
        arguments: [
            (Int64(0), "1970-01-01T00:00:00Z"),
            (Int64(1_772_237_100_000), "2026-02-28T00:05:00Z"),
            (Int64(951_782_400_123), "2000-02-29T00:00:00.123Z"),
            (Int64(-1), "1969-12-31T23:59:59.999Z"),
            (Int64(4_102_444_799_000), "2099-12-31T23:59:59Z"),
        ])
    func rfc3339(milliseconds: Int64, expected: String) {
        #expect(Timestamp(milliseconds: milliseconds).rfc3339 == expected)
    }

    @Test("API key shape check accepts issued keys and rejects look-alikes")
    func apiKeyShape() {
        for mode in Workspace.Mode.allCases {
            let secret = APIKeySecret.generate(for: mode)
            #expect(secret.text.hasPrefix("ck_\(mode.rawValue)_"))
            #expect(APIKeySecret.hasValidShape(secret.text))
            #expect(secret.displayPrefix.count == 12)
        }
        #expect(!APIKeySecret.hasValidShape("ck_live_123"))
        #expect(!APIKeySecret.hasValidShape("ck_prod_" + String(repeating: "a", count: 32)))
        #expect(!APIKeySecret.hasValidShape("ck_test_" + String(repeating: "a", count: 31) + "!"))
        #expect(!APIKeySecret.hasValidShape("ck_test_" + String(repeating: "a", count: 33)))
    }

    @Test("the operator token is checked and its absence named")
    func operatorToken() throws {
        let authenticator = OperatorAuthenticator(token: "a-long-enough-operator-token-123")
        try authenticator.authenticate(presentedToken: "a-long-enough-operator-token-123")
        #expect(throws: DomainError.self) {
            try authenticator.authenticate(presentedToken: "a-long-enough-operator-token-124")
        }
        do {
            try authenticator.authenticate(presentedToken: nil)
            Issue.record("no token was accepted")
        } catch let error as DomainError {
            #expect(error.code == .missingAdminToken)
        }
    }
}
