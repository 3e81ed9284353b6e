import ClawbHTTP
import Testing

@Suite("Router, headers and JSON decoding")
struct RouterTests {
    static func context() -> RequestContext {
        RequestContext(requestID: "req_test", logger: Logger(sink: MemoryLogSink()))
    }

    static func router() -> Router {
        let router = Router()
        router.add("GET", "/api/v1/agents/{agent_id}") { _, context in
            HTTPResponse(status: 200, body: Array("param:\(context.parameters["agent_id"] ?? "")".utf8))
        }
        router.add("GET", "/api/v1/agents/list") { _, _ in HTTPResponse(status: 200, body: Array("literal".utf8)) }
        router.add("POST", "/api/v1/agents/register") { _, _ in HTTPResponse(status: 201) }
        return router
    }

    static func body(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test("parameters are captured and literal segments win")
    func matching() throws {
        let router = Self.router()
        let context = Self.context()
        #expect(
            Self.body(
                try router.respond(to: HTTPRequest(method: "GET", path: "/api/v1/agents/agt_1"), context: context))
                == "param:agt_1")
        #expect(context.route == "/api/v1/agents/{agent_id}")
        #expect(
            Self.body(
                try router.respond(to: HTTPRequest(method: "GET", path: "/api/v1/agents/list"), context: Self.context())
            ) == "literal")
        #expect(
            try router.respond(to: HTTPRequest(method: "HEAD", path: "/api/v1/agents/x"), context: Self.context())
                .status == 200)
    }

    @Test(
        "a segment starting with a combining mark or emoji modifier is still a segment",
        arguments: ["\u{1F3FB}", "\u{0301}x", "e\u{0301}"])
    func graphemesAfterSlash(segment: String) throws {
        let response = try Self.router().respond(
            to: HTTPRequest(method: "GET", path: "/api/v1/agents/" + segment), context: Self.context())
        #expect(Self.body(response) == "param:" + segment)
    }

    @Test("unknown paths are 404 not_found; known paths with another method are 405 with Allow")
    func notFoundAndMethodNotAllowed() {
        let router = Self.router()
        do {
            _ = try router.respond(to: HTTPRequest(method: "GET", path: "/api/v2/nothing"), context: Self.context())
            Issue.record("no error")
        } catch let error as HTTPError {
            #expect(error.status == 404 && error.code == "not_found")
        } catch { Issue.record("\(error)") }
        do {
            _ = try router.respond(
                to: HTTPRequest(method: "DELETE", path: "/api/v1/agents/register"), context: Self.context())
            Issue.record("no error")
        } catch let error as HTTPError {
            #expect(error.status == 405)
            // The literal segment wins over {agent_id}, so only its own methods are allowed.
            #expect(error.headers.first { $0.name == "Allow" }?.value == "POST")
        } catch { Issue.record("\(error)") }
        do {
            _ = try router.respond(
                to: HTTPRequest(method: "PUT", path: "/api/v1/agents/agt_9"), context: Self.context())
            Issue.record("no error")
        } catch let error as HTTPError {
            #expect(error.headers.first { $0.name == "Allow" }?.value == "GET, HEAD")
        } catch { Issue.record("\(error)") }
    }

    @Test("header lookup ignores case")
    func headerCase() {
        let headers = HTTPHeaders([("X-CLAWB-API-KEY", "k1"), ("content-type", "application/json")])
        #expect(headers["x-clawb-api-key"] == "k1")
        #expect(headers["Content-Type"] == "application/json")
        #expect(headers["X-Missing"] == nil)
    }

    struct Body: Decodable { let name: String?; let count: Int? }

    @Test("JSON decoding answers 415, then invalid_json naming the field")
    func decoding() {
        func decodeError(_ body: String, contentType: String?) -> HTTPError? {
            var headers = HTTPHeaders()
            if let contentType { headers.add("Content-Type", contentType) }
            do {
                _ = try JSONCoding.decode(
                    Body.self, from: HTTPRequest(method: "POST", path: "/", headers: headers, body: Array(body.utf8)))
                return nil
            } catch { return error as? HTTPError }
        }
        #expect(decodeError(#"{"name":"a"}"#, contentType: "text/plain")?.status == 415)
        #expect(decodeError(#"{"name":"a"}"#, contentType: nil)?.status == 415)
        #expect(decodeError(#"{"name":"a"}"#, contentType: "application/json; charset=utf-8") == nil)
        #expect(decodeError(#"{"name":"#, contentType: "application/json")?.code == "invalid_json")
        let typed = decodeError(#"{"count":"x"}"#, contentType: "application/json")
        #expect(typed?.code == "invalid_json" && typed?.field == "count")
        #expect(decodeError(#"{"extra":1}"#, contentType: "application/json") == nil)  // unknown fields are ignored
    }

    @Test("the application echoes acceptable request ids and mints others")
    func requestIDs() {
        let application = HTTPApplication(
            responder: Self.router(), logger: Logger(sink: MemoryLogSink()), maxBodyBytes: 10,
            makeRequestID: { "req_minted" },
            renderError: { error, _ in
                HTTPResponse(status: (error as? HTTPError)?.status ?? 500)
            })
        func requestID(_ supplied: String?) -> String? {
            var headers = HTTPHeaders()
            if let supplied { headers.add("X-Request-Id", supplied) }
            return application.handle(HTTPRequest(method: "GET", path: "/api/v1/agents/x", headers: headers)).headers[
                "X-Request-Id"]
        }
        #expect(requestID("abc-123") == "abc-123")
        #expect(requestID(nil) == "req_minted")
        #expect(requestID(String(repeating: "a", count: 129)) == "req_minted")
        #expect(requestID("has space") == "req_minted")
        let tooLarge = application.handle(
            HTTPRequest(method: "POST", path: "/api/v1/agents/register", bodyLimitExceeded: true))
        #expect(tooLarge.status == 413)
    }
}
