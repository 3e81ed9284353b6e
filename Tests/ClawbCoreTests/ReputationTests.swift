import ClawbCore
import ClawbCrypto
import Foundation
import Testing

@Suite("Reputation feedback signature and score")
struct ReputationTests {
    /// reference.md §4.2 (from the SDK's own unit test).
    @Test("the feedback HMAC reproduces the reference vector")
    func referenceVector() {
        let body = Array(#"{"agent_id":"agt_1","verdict":"ok","evidence":{"source":"test"}}"#.utf8)
        #expect(SHA256.hexDigest(body) == "0ff0370ed4076751c3ff7db17d83d49b93f1d5b8e61afe38a339e4f0087b3365")
        let key = SHA256.hash("ck_live_123")
        #expect(Hex.encode(key) == "b66b8d3bc9ab8bbb882a744850a401768a1ab7943d1b56f3a68d6d64ed757e52")
        let message = ReputationLedger.signedMessage(timestamp: "1700000000000", nonce: "n1", body: body)
        #expect(
            Data(HMACSHA256.authenticate(message, key: key)).base64EncodedString()
                == "4dFAPHaAcr4sjQ+OqCyF2CDZENqdiR4kgK+9+lWl4gI=")
    }

    static let now = Timestamp(milliseconds: 1_790_000_000_000)

    static func bucket(
        _ workspace: Int, _ verdict: Feedback.Verdict, _ count: Int, daysAgo: Double = 0
    ) -> FeedbackBucket {
        FeedbackBucket(
            workspaceID: WorkspaceID(uncheckedRawValue: "ws_\(workspace)"), verdict: verdict, count: count,
            meanReceivedAt: Timestamp(milliseconds: now.milliseconds - Int64(daysAgo * 86_400_000)))
    }

    @Test("no feedback: the prior, a new agent of medium risk")
    func prior() {
        let score = ReputationScore.compute([], now: Self.now)
        #expect(score.score == 0.5 && score.evidence == 0 && score.band == .new && score.riskTier == .medium)
    }

    @Test("monotonic: more good reports raise the score, more bad ones lower it")
    func monotonic() {
        var previous = ReputationScore.compute([], now: Self.now).score
        for workspaces in 1...6 {
            let score = ReputationScore.compute((1...workspaces).map { Self.bucket($0, .good, 1) }, now: Self.now).score
            #expect(score > previous)
            previous = score
        }
        previous = ReputationScore.compute([], now: Self.now).score
        for workspaces in 1...6 {
            let score = ReputationScore.compute((1...workspaces).map { Self.bucket($0, .bad, 1) }, now: Self.now).score
            #expect(score < previous)
            previous = score
        }
        // Neutral reports do not move it.
        #expect(ReputationScore.compute([Self.bucket(1, .neutral, 50)], now: Self.now).score == 0.5)
    }

    @Test("reports decay with a 14-day half-life")
    func decay() {
        let fresh = ReputationScore.compute([Self.bucket(1, .bad, 2)], now: Self.now)
        let old = ReputationScore.compute([Self.bucket(1, .bad, 2, daysAgo: 14)], now: Self.now)
        #expect(abs(fresh.evidence - 2) < 1e-9 && abs(old.evidence - 1) < 1e-9)
        #expect(abs(fresh.score - 2.0 / 6) < 1e-9 && abs(old.score - 2.0 / 5) < 1e-9)
    }

    @Test("one workspace's weight is capped however many reports it sends")
    func workspaceCap() {
        let flood = ReputationScore.compute([Self.bucket(1, .bad, 10_000)], now: Self.now)
        let atCap = ReputationScore.compute([Self.bucket(1, .bad, 3)], now: Self.now)
        #expect(abs(flood.score - atCap.score) < 1e-12 && abs(flood.evidence - atCap.evidence) < 1e-9)
        #expect(abs(flood.score - 2.0 / 7) < 1e-9, "a fresh agent cannot be pushed below 2/7 by one workspace")
        // Other workspaces' reports still count in full beside the flood.
        let diluted = ReputationScore.compute(
            [Self.bucket(1, .bad, 10_000)] + (2...5).map { Self.bucket($0, .good, 3) },
            now: Self.now)
        #expect(abs(diluted.score - (2.0 + 12) / (4 + 15)) < 1e-9)
        #expect(diluted.band == .established && diluted.riskTier == .low)
    }
}
