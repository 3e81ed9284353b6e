import Foundation

extension TestApplication {
    /// Mints through the API with `fields` merged into a body for `agentID`.
    @discardableResult
    public func mint(_ agentID: String, key: String, _ fields: String = "") -> TestResponse {
        request(
            "POST", "/api/v1/identity/credentials/mint", headers: [("X-Clawb-Api-Key", key)],
            json: #"{"agent_id":"\#(agentID)"\#(fields)}"#)
    }

    /// The minted token of a 201 answer.
    public func token(_ response: TestResponse) -> String {
        (response.json["credential"] as? [String: Any])?["token"] as? String ?? ""
    }

    public func introspect(_ token: String, scopeHash: String? = nil) -> TestResponse {
        let scope = scopeHash.map { #","scope_hash":"\#($0)""# } ?? ""
        return request("POST", "/api/v1/identity/introspect", json: #"{"token":"\#(token)"\#(scope)}"#)
    }

    public func isActive(_ token: String) -> Bool { introspect(token).json["active"] as? Bool == true }
}
