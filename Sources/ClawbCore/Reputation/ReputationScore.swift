import Foundation

/// The reputation of an agent, computed from feedback buckets (docs/reputation.md).
///
/// A Bayesian estimate of "the probability that the next report is good": a Beta prior
/// (`priorGood`, `priorBad`) updated with time-decayed report weights (half-life 14 days,
/// reports older than 90 days ignored). Each workspace's total weight is capped at
/// `workspaceWeightCap`, so one tenant — however many reports it sends — moves the score by a
/// bounded amount. Feedback from test-mode workspaces is excluded before this (storage only
/// returns live workspaces). Neutral reports count in the summary, not the score.
public struct ReputationScore: Sendable, Equatable {
    public static let priorGood = 2.0
    public static let priorBad = 2.0
    public static let halfLifeDays = 14.0
    public static let horizonDays: Int64 = 90
    public static let workspaceWeightCap = 3.0
    /// Below this much (capped, decayed) evidence an agent's band is `new`.
    public static let newBelowEvidence = 3.0
    /// `high` band: score at least this, with at least `highMinimumEvidence`.
    public static let highMinimumScore = 0.75
    public static let highMinimumEvidence = 6.0
    /// Risk tiers: `high` below `highRiskBelow`, `medium` below `mediumRiskBelow` (or while `new`).
    public static let highRiskBelow = 0.35
    public static let mediumRiskBelow = 0.65

    public let score: Double
    /// Sum of capped, decayed weights of good and bad reports.
    public let evidence: Double

    public enum Band: String, Sendable { case new, established, high }
    public enum RiskTier: String, Sendable { case low, medium, high }

    public var band: Band {
        if evidence < Self.newBelowEvidence { return .new }
        return score >= Self.highMinimumScore && evidence >= Self.highMinimumEvidence ? .high : .established
    }

    public var riskTier: RiskTier {
        if score < Self.highRiskBelow { return .high }
        return score < Self.mediumRiskBelow || band == .new ? .medium : .low
    }

    /// The score at `now` from `buckets`.
    public static func compute(_ buckets: [FeedbackBucket], now: Timestamp) -> ReputationScore {
        var perWorkspace: [WorkspaceID: (good: Double, bad: Double)] = [:]
        for bucket in buckets where bucket.verdict != .neutral {
            let ageDays = max(0, Double(now.milliseconds - bucket.meanReceivedAt.milliseconds) / 86_400_000)
            let weight = Double(bucket.count) * pow(0.5, ageDays / halfLifeDays)
            var sums = perWorkspace[bucket.workspaceID] ?? (0, 0)
            if bucket.verdict == .good { sums.good += weight } else { sums.bad += weight }
            perWorkspace[bucket.workspaceID] = sums
        }
        var good = 0.0
        var bad = 0.0
        for (_, sums) in perWorkspace {
            let total = sums.good + sums.bad
            let scale = total > workspaceWeightCap ? workspaceWeightCap / total : 1
            good += sums.good * scale
            bad += sums.bad * scale
        }
        let score = (priorGood + good) / (priorGood + priorBad + good + bad)
        return ReputationScore(score: score, evidence: good + bad)
    }
}

/// What `GET /v1/reputation/agents/{id}` reports.
public struct ReputationSummary: Sendable {
    public let agent: Agent
    public let score: ReputationScore
    public let feedbackGood: Int
    public let feedbackBad: Int
    public let feedbackNeutral: Int
    public let workspacesReporting: Int
    public let computedAt: Timestamp

    /// `attested` once the agent proved its key and is not revoked; `unverified` otherwise.
    public var verificationTier: String { agent.status == .active ? "attested" : "unverified" }
    /// Days covered by the counts of the summary.
    public static let windowDays: Int64 = 30
}
