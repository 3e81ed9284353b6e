/// `GET /api/healthz` and `GET /api/readyz`.
public struct HealthResponse: Codable, Sendable {
    public var ok: Bool
    public var status: String

    public init(ok: Bool, status: String) {
        self.ok = ok
        self.status = status
    }
}
