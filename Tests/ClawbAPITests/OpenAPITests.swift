import ClawbApp
import ClawbCore
import ClawbTesting
import Foundation
import Testing

@Suite("OpenAPI document and metrics")
struct OpenAPITests {
    @Test("the served document lists exactly the router's routes, each with its path parameters")
    func routesInSync() throws {
        let app = try TestApplication()
        let response = app.request("GET", "/api/openapi.json")
        #expect(response.status == 200 && response.json["openapi"] as? String == "3.1.0")
        let paths = try #require(response.json["paths"] as? [String: [String: Any]])
        var documented: Set<String> = []
        for (path, operations) in paths {
            for (method, operation) in operations {
                documented.insert("\(method.uppercased()) \(path)")
                let parameters = ((operation as? [String: Any])?["parameters"] as? [[String: Any]]) ?? []
                let inPath = Set(
                    parameters.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String })
                let expected = Set(
                    path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
                #expect(inPath == expected, "\(method) \(path)")
                let responses = (operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(method) \(path) documents its success")
            }
        }
        let routed = Set(app.application.router.routes.map { "\($0.method) \($0.pattern)" })
        #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed))")
        #expect(routed.subtracting(documented).isEmpty, "routed but not documented: \(routed.subtracting(documented))")
    }

    @Test("docs/api.md's route index lists every routed path")
    func docsListEveryRoute() throws {
        let app = try TestApplication()
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../docs/api.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for route in app.application.router.routes {
            #expect(text.contains("| \(route.method) | `\(route.pattern)` |"), "\(route.method) \(route.pattern)")
        }
    }

    @Test("every error code the domain can raise is documented on some operation")
    func errorCodesDocumented() throws {
        let app = try TestApplication()
        let text = app.request("GET", "/api/openapi.json").text
        for code in DomainError.Code.allCases {
            #expect(text.contains("\"\(code.rawValue)\""), "\(code.rawValue) is not in the OpenAPI document")
        }
    }

    @Test("metrics: Prometheus text with requests by route pattern, domain counters, bounded labels")
    func metrics() throws {
        let app = try TestApplication()
        let workspace = try app.createWorkspace(mode: "live")
        let agent = try app.activeAgent()
        app.map(agent.id, as: "bot", key: workspace.key)
        #expect(app.mint(agent.id, key: workspace.key).status == 201)
        #expect(app.mint(agent.id, key: workspace.key, #","ttl_seconds":0"#).status == 400)
        #expect(app.check(agent.id, key: workspace.key, #","action":"search""#).status == 200)
        for index in 0..<600 { _ = app.request("GET", "/api/v1/nothing-\(index)") }
        let response = app.request("GET", "/api/metrics")
        #expect(
            response.status == 200 && response.headers["Content-Type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = response.text
        #expect(
            text.contains(
                #"clawb_http_requests_total{route="/api/v1/identity/credentials/mint",method="POST",status="201"} 1"#))
        #expect(
            text.contains(#"clawb_http_requests_total{route="unmatched",method="GET",status="404"} 600"#),
            "raw paths never become labels")
        #expect(!text.contains("nothing-"))
        #expect(text.contains(#"clawb_credentials_minted_total{token_type="opaque"} 1"#))
        #expect(text.contains(#"clawb_credential_mint_refusals_total{code="invalid_ttl"} 1"#))
        #expect(text.contains(#"clawb_policy_decisions_total{decision="allow"} 1"#))
        #expect(text.contains("clawb_storage_commit_group_size_count "))
        func gauge(_ name: String) -> Double? {
            let line = text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
            return (line?.split(separator: " ").last).flatMap { Double($0) }
        }
        #expect(gauge("clawb_sqlite_memory_bytes") ?? 0 > 0)
        // The allocator's figures come from glibc's mallinfo2 (zero elsewhere); this process has
        // at least SQLite's bytes in use.
        #expect(gauge("clawb_malloc_in_use_bytes") ?? 0 > gauge("clawb_sqlite_memory_bytes") ?? 0)
        #expect(gauge("clawb_malloc_free_bytes") != nil)
        #expect(text.contains(#"clawb_http_request_duration_seconds_bucket{route="/api/v1/check",le="+Inf"} 1"#))
        // Every line is a comment or `name{labels} value`.
        let sample = try Regex(#"^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? -?[0-9.e+]+$"#)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.wholeMatch(of: sample) != nil, "\(line)")
        }
    }
}
