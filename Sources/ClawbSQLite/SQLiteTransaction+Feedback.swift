import ClawbCore

/// The SQL of reputation feedback.
extension SQLiteTransaction {
    func insert(_ feedback: Feedback) throws {
        try connection.statement(
            """
            INSERT INTO feedback (id, workspace_id, agent_id, key_id, verdict, evidence, received_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """
        )
        .bind([
            .text(feedback.id.rawValue), .text(feedback.workspaceID.rawValue), .text(feedback.agentID.rawValue),
            .text(feedback.keyID.rawValue), .text(feedback.verdict.rawValue), .text(feedback.evidenceJSON),
            .integer(feedback.receivedAt.milliseconds),
        ]).run()
    }

    func consumeFeedbackNonce(
        workspace: WorkspaceID, nonce: String, at time: Timestamp, reusableBefore: Timestamp
    ) throws -> Bool {
        try consumeNonce(
            in: .feedback, scope: workspace.rawValue, nonce: nonce, at: time, reusableBefore: reusableBefore)
    }

    func pruneFeedbackNonces(before: Timestamp, limit: Int) throws -> Int {
        try pruneNonces(in: .feedback, before: before, limit: limit)
    }

    func feedbackBuckets(agent: AgentID, since: Timestamp) throws -> [FeedbackBucket] {
        // Summed by hour in SQL: the score reads at most horizon x 24 rows per workspace and
        // verdict, whatever the number of reports. Test-mode workspaces never count.
        try connection.statement(
            """
            SELECT f.workspace_id, f.verdict, COUNT(*), CAST(AVG(f.received_at) AS INTEGER)
            FROM feedback f JOIN workspaces w ON w.id = f.workspace_id
            WHERE f.agent_id = ?1 AND f.received_at >= ?2 AND w.mode = 'live'
            GROUP BY f.workspace_id, f.verdict, f.received_at / 3600000
            """
        )
        .bind([.text(agent.rawValue), .integer(since.milliseconds)])
        .rows { row in
            guard let verdict = Feedback.Verdict(rawValue: row.text(1)) else { throw Self.corrupt("feedback.verdict") }
            return FeedbackBucket(
                workspaceID: WorkspaceID(uncheckedRawValue: row.text(0)), verdict: verdict,
                count: Int(row.int64(2)), meanReceivedAt: Timestamp(milliseconds: row.int64(3)))
        }
    }
}
